package tributary.catalog;

import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads OPML 1.0/1.1/2.0 subscription lists: outlines with an xmlUrl are feeds, outlines around them are folders
 * (categories). Streamed with StAX, DTDs and external entities off, so a hostile file reads nothing else.
 */
public final class OpmlReader {

    private OpmlReader() {
    }

    public static OpmlDocument read(byte[] xml) throws OpmlException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        List<OpmlDocument.Feed> feeds = new ArrayList<>();
        List<OpmlDocument.Skipped> skipped = new ArrayList<>();
        Deque<String> folders = new ArrayDeque<>();
        Deque<Boolean> pushed = new ArrayDeque<>();
        boolean sawOpml = false;
        XMLStreamReader reader = null;
        try {
            reader = factory.createXMLStreamReader(new ByteArrayInputStream(xml));
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String name = reader.getLocalName();
                    if (name.equals("opml")) {
                        sawOpml = true;
                    } else if (name.equals("outline")) {
                        pushed.push(outline(reader, folders, feeds, skipped));
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT && reader.getLocalName().equals("outline")) {
                    if (!pushed.isEmpty() && pushed.pop()) {
                        folders.pop();
                    }
                }
            }
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
            throw new OpmlException("not well-formed XML" + (line > 0 ? " at line " + line : "") + ": "
                    + e.getMessage().replaceAll("^ParseError at \\[row,col]:\\[\\d+,\\d+]\\s*Message: ", ""), e);
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // Nothing was held open but the byte array.
                }
            }
        }
        if (!sawOpml) {
            throw new OpmlException("not an OPML document: there is no <opml> element");
        }
        return new OpmlDocument(feeds, skipped);
    }

    /** Handles one outline and answers whether it opened a folder. */
    private static boolean outline(XMLStreamReader r, Deque<String> folders, List<OpmlDocument.Feed> feeds,
                                   List<OpmlDocument.Skipped> skipped) {
        int line = r.getLocation().getLineNumber();
        String xmlUrl = attribute(r, "xmlUrl");
        String text = attribute(r, "text");
        String title = attribute(r, "title") != null ? attribute(r, "title") : text;
        String type = attribute(r, "type");
        if (xmlUrl != null) {
            String category = folders.isEmpty() ? categoryAttribute(r) : folders.peek();
            feeds.add(new OpmlDocument.Feed(xmlUrl, title, category, line));
            return false;
        }
        if (type != null && (type.equalsIgnoreCase("rss") || type.equalsIgnoreCase("atom"))) {
            skipped.add(new OpmlDocument.Skipped(line, "outline '" + title + "' is a feed without an xmlUrl attribute"));
            return false;
        }
        if (type != null && !type.isBlank()) {
            skipped.add(new OpmlDocument.Skipped(line, "outline '" + title + "' of type '" + type + "' is not a feed"));
            return false;
        }
        folders.push(title == null || title.isBlank() ? (folders.isEmpty() ? "Imported" : folders.peek()) : title.strip());
        return true;
    }

    /** OPML 2.0's category attribute ("/Tech/News"): its last segment names the folder. */
    private static String categoryAttribute(XMLStreamReader r) {
        String category = attribute(r, "category");
        if (category == null || category.isBlank()) {
            return null;
        }
        String first = category.split(",")[0].strip();
        String[] segments = first.split("/");
        String last = segments.length == 0 ? "" : segments[segments.length - 1].strip();
        return last.isEmpty() ? null : last;
    }

    private static String attribute(XMLStreamReader r, String name) {
        for (int i = 0; i < r.getAttributeCount(); i++) {
            if (r.getAttributeLocalName(i).equalsIgnoreCase(name)) {
                String value = r.getAttributeValue(i);
                return value == null || value.isBlank() ? null : value.strip();
            }
        }
        return null;
    }
}
