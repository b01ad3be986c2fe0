package tributary.push;

import static tributary.normalize.FeedUrlRedactor.redact;

import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tributary.poll.FeedLinksFound;
import tributary.publish.PublicUrlConfig;

/**
 * Picks the hub and topic a polled feed declares (WebSub 3: HTTP Link headers first, the document's links only
 * without them; the topic is the rel="self" URL, else the feed's own URL) and hands them to the subscriber, when
 * subscribing is on.
 */
@Singleton
class HubDiscovery {

    private static final Logger LOG = LoggerFactory.getLogger(HubDiscovery.class);

    private final Subscriber subscriber;
    private final SubscribeConfig config;
    private final PublicUrlConfig publicUrl;

    HubDiscovery(Subscriber subscriber, SubscribeConfig config, PublicUrlConfig publicUrl) {
        this.subscriber = subscriber;
        this.config = config;
        this.publicUrl = publicUrl;
    }

    @EventListener
    void onLinks(FeedLinksFound found) {
        if (!config.enabled(publicUrl)) {
            return;
        }
        List<String> hubs = LinkHeaders.targets(found.linkHeaders(), "hub");
        List<String> selves = LinkHeaders.targets(found.linkHeaders(), "self");
        String self = selves.isEmpty() ? null : selves.get(0);
        if (hubs.isEmpty()) {
            hubs = found.document().hubs();
            self = found.document().self();
        }
        if (hubs.isEmpty()) {
            return;
        }
        String hub = absolute(found.base(), hubs.get(0));
        String topic = self == null ? found.feed().url() : absolute(found.base(), self);
        if (hub == null || topic == null) {
            return;
        }
        try {
            subscriber.discovered(found.feed().id(), hub, topic);
        } catch (RuntimeException e) {
            // The poll itself succeeded: a subscription that cannot start now is tried again on the next poll.
            LOG.warn("Feed #{}: cannot start the WebSub subscription to {} ({})", found.feed().id(), redact(hub),
                    e.toString());
        }
    }

    /** The link resolved against the document's URL; null unless it is an absolute http(s) URL then. */
    private static String absolute(URI base, String link) {
        try {
            URI uri = base == null ? new URI(link) : base.resolve(link.strip());
            String scheme = uri.getScheme();
            return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && uri.getHost() != null
                    ? uri.toString() : null;
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
