package tributary.poll;

import java.net.URI;
import java.util.List;
import tributary.parse.FeedLinks;
import tributary.store.FeedRow;

/**
 * Published after a poll stored a feed's document that named a WebSub hub, in its Link headers (raw values) or in the
 * document; base is what relative links resolve against. The push side subscribes; the poller only tells.
 */
public record FeedLinksFound(FeedRow feed, URI base, List<String> linkHeaders, FeedLinks document) {
}
