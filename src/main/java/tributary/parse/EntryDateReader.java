package tributary.parse;

import java.util.ArrayList;
import java.util.List;
import org.jdom2.Document;
import org.jdom2.Element;

/**
 * The date texts of each entry exactly as written, in document order, because Rome drops any date that is not
 * RFC 822/3339 (and reads a zoneless one in the JVM's zone) where normalize can still read it properly.
 */
final class EntryDateReader {

    /** Publication first, then the fallbacks RSS 1.0, Atom 0.3 and Dublin Core use. */
    private static final List<String> PUBLISHED = List.of("pubDate", "published", "issued", "date", "created");
    private static final List<String> UPDATED = List.of("updated", "modified");

    /** The raw published and updated text of one entry; either may be null. */
    record RawDates(String published, String updated) {
    }

    private EntryDateReader() {
    }

    static List<RawDates> read(Document document) {
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
        List<RawDates> dates = new ArrayList<>(entries.size());
        for (Element entry : entries) {
            dates.add(new RawDates(first(entry, PUBLISHED), first(entry, UPDATED)));
        }
        return dates;
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
