package tributary.corpus;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * An opinion independent of the pipeline: how many entries a corpus file holds when it is a well-formed feed
 * (JDK DOM parser, DOCTYPE refused; or a JSON Feed); -1 when it is not one, so no items are expected.
 */
final class FeedOracle {

    private final JsonMapper json;

    FeedOracle(JsonMapper json) {
        this.json = json;
    }

    int entries(byte[] body, String name) {
        if (name.endsWith(".json")) {
            return jsonEntries(body);
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            Document doc = builder.parse(new ByteArrayInputStream(body));
            Element root = doc.getDocumentElement();
            String rootName = root.getLocalName() == null ? root.getNodeName() : root.getLocalName();
            if (!rootName.equals("rss") && !rootName.equals("RDF") && !rootName.equals("feed")) {
                return -1;
            }
            return count(root, rootName.equals("feed") ? "entry" : "item", 0);
        } catch (ParserConfigurationException | SAXException | IOException e) {
            return -1;
        }
    }

    /** Entries at the places formats put them: under the root or the channel, not inside other entries. */
    private static int count(Node parent, String entry, int depth) {
        int n = 0;
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element el) {
                String name = el.getLocalName() == null ? el.getNodeName() : el.getLocalName();
                if (name.equals(entry)) {
                    n++;
                } else if (depth == 0 && name.equals("channel")) {
                    n += count(el, entry, 1);
                }
            }
        }
        return n;
    }

    private int jsonEntries(byte[] body) {
        try {
            JsonNode root = json.readValue(body, JsonNode.class);
            if (root == null || !root.isObject() || root.get("version") == null || !root.get("version").isString()
                    || !root.get("version").getStringValue().contains("jsonfeed.org/version/")) {
                return -1;
            }
            JsonNode items = root.get("items");
            return items == null || !items.isArray() ? 0 : items.size();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
