package tributary.parse;

import java.util.List;

/**
 * The WebSub links a document declares (atom:link rel="hub"/"self" in RSS or Atom, JSON Feed hubs and feed_url), as
 * written: resolving them against the document's URL is the reader's business.
 */
public record FeedLinks(List<String> hubs, String self) {

    public static final FeedLinks NONE = new FeedLinks(List.of(), null);

    public FeedLinks {
        hubs = List.copyOf(hubs);
    }
}
