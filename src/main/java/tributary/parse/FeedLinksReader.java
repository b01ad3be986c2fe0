package tributary.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jdom2.Document;
import org.jdom2.Element;

/**
 * Finds the WebSub links of an RSS or Atom document: link elements with rel="hub" or rel="self" and an href, children
 * of the Atom feed or of the RSS channel (atom:link in RSS; Appendix B of RFC 8288). Items are never looked at.
 */
final class FeedLinksReader {

    /** A document naming more hubs than this names a few too many: the first ones are kept. */
    static final int MAX_HUBS = 5;

    private FeedLinksReader() {
    }

    static FeedLinks read(Document document) {
        Element root = document.getRootElement();
        List<String> hubs = new ArrayList<>();
        String self = null;
        for (Element parent : parents(root)) {
            for (Element link : parent.getChildren()) {
                String href = link.getAttributeValue("href");
                // RSS's own <link> carries text, not rel/href: only namespaced or Atom links can name a hub.
                if (!"link".equals(link.getName()) || href == null || href.isBlank()) {
                    continue;
                }
                String rel = link.getAttributeValue("rel", "").strip().toLowerCase(Locale.ROOT);
                if (rel.equals("hub") && hubs.size() < MAX_HUBS) {
                    hubs.add(href.strip());
                } else if (rel.equals("self") && self == null) {
                    self = href.strip();
                }
            }
        }
        return hubs.isEmpty() && self == null ? FeedLinks.NONE : new FeedLinks(hubs, self);
    }

    /** The feed element of Atom; the channel of RSS 2.0 and RSS 1.0 (RDF). */
    private static List<Element> parents(Element root) {
        List<Element> parents = new ArrayList<>();
        parents.add(root);
        for (Element child : root.getChildren()) {
            if ("channel".equals(child.getName())) {
                parents.add(child);
            }
        }
        return parents;
    }
}
