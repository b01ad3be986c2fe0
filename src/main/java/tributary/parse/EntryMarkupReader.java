package tributary.parse;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * What Rome drops from each entry, in document order: the date texts exactly as written (Rome loses any date that is
 * not RFC 822/3339, and reads a zoneless one in the JVM's zone) and the xml:base in force for its content.
 */
final class EntryMarkupReader {

    /** Publication first, then the fallbacks RSS 1.0, Atom 0.3 and Dublin Core use. */
    private static final List<String> PUBLISHED = List.of("pubDate", "published", "issued", "date", "created");
    private static final List<String> UPDATED = List.of("updated", "modified");

    /** Where an entry's HTML lives, most specific first. */
    private static final List<String> CONTENT = List.of("content", "encoded", "description", "summary");

    /** The raw published and updated text of one entry and the xml:base of its content; any may be null. */
    record RawEntry(String published, String updated, String base) {

        static final RawEntry NONE = new RawEntry(null, null, null);
    }

    private EntryMarkupReader() {
    }

    static List<RawEntry> read(Document document) {
        Element root = document.getRootElement();
        List<Element> entries = new ArrayList<>();
        if (root.getName().equals("feed")) {
            entries.addAll(children(root, "entry"));
        } else {
            for (Element channel : children(root, "channel")) {
                entries.addAll(children(channel, "item"));
            }
            // RSS 0.90 and 1.0 put items beside the channel.
            entries.addAll(children(root, "item"));
        }
        List<RawEntry> raw = new ArrayList<>(entries.size());
        for (Element entry : entries) {
            raw.add(new RawEntry(first(entry, PUBLISHED), first(entry, UPDATED), base(entry)));
        }
        return raw;
    }

    /** The xml:base chain from the root down to the entry's content element, resolved; null when none is written. */
    private static String base(Element entry) {
        Element content = null;
        for (String name : CONTENT) {
            List<Element> found = children(entry, name);
            if (!found.isEmpty()) {
                content = found.get(0);
                break;
            }
        }
        List<Element> chain = new ArrayList<>();
        for (Element e = content != null ? content : entry; e != null; e = e.getParentElement()) {
            chain.add(0, e);
        }
        URI base = null;
        for (Element e : chain) {
            String value = e.getAttributeValue("base", Namespace.XML_NAMESPACE);
            if (value != null && !value.isBlank()) {
                try {
                    URI next = new URI(value.strip().replace(" ", "%20"));
                    base = base == null ? next : base.resolve(next);
                } catch (URISyntaxException | IllegalArgumentException ignored) {
                    // A malformed xml:base says nothing; the document's own URL still applies.
                }
            }
        }
        return base == null ? null : base.toString();
    }

    private static String first(Element entry, List<String> names) {
        for (String name : names) {
            for (Element child : children(entry, name)) {
                String text = child.getTextNormalize();
                if (!text.isEmpty()) {
                    return text;
                }
            }
        }
        return null;
    }

    /** Children by local name in any namespace, since feeds mix default, RSS 1.0, Atom and DC namespaces freely. */
    private static List<Element> children(Element parent, String localName) {
        List<Element> out = new ArrayList<>();
        for (Element child : parent.getChildren()) {
            if (child.getName().equals(localName)) {
                out.add(child);
            }
        }
        return out;
    }
}
