package tributary.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jdom2.Attribute;
import org.jdom2.Content;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;

/** Mends feed trees Rome rejects or trips over though their meaning is plain: Atom without its namespace, RSS without a channel, wrapped base64. */
final class FeedTreeRepairer {

    static final Namespace ATOM_10 = Namespace.getNamespace("http://www.w3.org/2005/Atom");
    private static final Set<String> KNOWN_RSS_VERSIONS = Set.of("0.91", "0.92", "0.93", "0.94", "2.0");

    private FeedTreeRepairer() {
    }

    static void repair(Document document) {
        Element root = document.getRootElement();
        if (root.getName().equals("feed") && root.getNamespace() == Namespace.NO_NAMESPACE) {
            // <feed> with a typo'd or missing xmlns: no other format has a <feed> root, so it is Atom.
            moveToAtom(root);
        }
        if (root.getName().equals("rss") && root.getChild("channel", root.getNamespace()) == null) {
            // Rome dereferences the channel without checking; items straight under <rss> belong to an implied channel.
            Element channel = new Element("channel", root.getNamespace());
            List<Content> children = new ArrayList<>(root.getContent());
            root.removeContent();
            channel.addContent(children);
            root.addContent(channel);
        }
        String version = root.getAttributeValue("version");
        if (root.getName().equals("rss") && version != null && !KNOWN_RSS_VERSIONS.contains(version.strip())) {
            // Rome picks its parser by exact version; "2.1" or "2.0.1" is RSS 2.0 in every way that matters.
            root.setAttribute("version", "2.0");
        }
        List<Element> elements = new ArrayList<>();
        root.getDescendants(new org.jdom2.filter.ElementFilter()).forEach(elements::add);
        for (Element element : elements) {
            Attribute mode = element.getAttribute("mode");
            if (mode != null && mode.getValue().equals("base64")) {
                // Rome's base64 decoder fails on the line breaks every real encoder inserts.
                element.setText(element.getText().replaceAll("\\s+", ""));
            }
        }
    }

    private static void moveToAtom(Element element) {
        if (element.getNamespace() == Namespace.NO_NAMESPACE) {
            element.setNamespace(ATOM_10);
        }
        for (Element child : element.getChildren()) {
            moveToAtom(child);
        }
    }
}
