package tributary.hub;

import jakarta.inject.Singleton;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tributary.common.RandomTokens;
import tributary.common.Sha256;
import tributary.normalize.FeedUrlRedactor;
import tributary.store.HubSubscriptionRepository;

/**
 * Verifies a subscriber's intent (WebSub §5.3), after the request was answered 202: a GET to the callback with
 * hub.mode, hub.topic, hub.challenge and hub.lease_seconds; only a 2xx whose body is exactly the challenge confirms.
 * A confirmed subscribe makes the subscription active with its lease and secret; a confirmed unsubscribe removes
 * it. Anything else changes nothing that was active before (a first request shown as pending is removed).
 */
@Singleton
class IntentVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(IntentVerifier.class);

    private final HubHttp http;
    private final HubSubscriptionRepository subscriptions;
    private final Clock clock;

    IntentVerifier(HubHttp http, HubSubscriptionRepository subscriptions, Clock clock) {
        this.http = http;
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    /** Shows a first subscribe as pending; the verification itself runs later, on the hub's pool. */
    void accepted(HubRequest request) {
        if (request.subscribe()) {
            Topic topic = request.topic();
            subscriptions.insertPending(topic.url(), Sha256.hex(topic.url()), topic.slug(),
                    topic.format().extension(), topic.base(), request.callback(), Sha256.hex(request.callback()),
                    request.callbackHost(), request.leaseSeconds(), now());
        }
    }

    /** The verification could not even be queued: a first subscribe leaves nothing behind. */
    void abandoned(HubRequest request) {
        if (request.subscribe()) {
            subscriptions.deletePending(Sha256.hex(request.topic().url()), Sha256.hex(request.callback()));
        }
    }

    void verify(HubRequest request) {
        String challenge = challenge();
        String url = request.callback() + (request.callback().contains("?") ? "&" : "?")
                + "hub.mode=" + request.mode() + "&hub.topic=" + encode(request.topic().url())
                + "&hub.challenge=" + challenge + "&hub.lease_seconds=" + request.leaseSeconds();
        HubHttp.Answer answer = http.get(url);
        boolean confirmed = answer.ok() && challenge.equals(answer.body());
        String topicHash = Sha256.hex(request.topic().url());
        String callbackHash = Sha256.hex(request.callback());
        if (!confirmed) {
            if (request.subscribe()) {
                subscriptions.deletePending(topicHash, callbackHash);
            }
            LOG.info("WebSub {} of {} to {} not verified: {}", request.mode(),
                    FeedUrlRedactor.redact(request.callback()), request.topic().url(),
                    answer.ok() ? "the answer was not the challenge" : answer.describe());
            return;
        }
        if (request.subscribe()) {
            // The lease runs from the verification request (§5.3), which is about now.
            LocalDateTime now = now();
            Topic topic = request.topic();
            subscriptions.activate(topic.url(), topicHash, topic.slug(), topic.format().extension(), topic.base(),
                    request.callback(), callbackHash, request.callbackHost(), request.secret(),
                    request.leaseSeconds(), now.plusSeconds(request.leaseSeconds()), now);
        } else {
            subscriptions.delete(topicHash, callbackHash);
        }
        LOG.info("WebSub {} of {} to {} verified", request.mode(), FeedUrlRedactor.redact(request.callback()),
                request.topic().url());
    }

    private static String challenge() {
        return RandomTokens.urlSafe(24);
    }

    private LocalDateTime now() {
        return LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
