package tributary.hub;

import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;
import tributary.common.Sha256;
import tributary.fetch.AddressGuard;
import tributary.store.HubSubscriptionRepository;

/**
 * Checks a POST /websub form (WebSub §5.1) before anything is verified: the mode, the topic (one of our feeds), the
 * callback (http or https, at most 2048 characters, passing the fetcher's address guard so the hub reaches nothing
 * internal), the secret (under 200 bytes, §5.1), the lease (fitted to the settings), and the subscription limits.
 */
@Singleton
class SubscriptionRequests {

    /** The callback column's width, and more than any real callback needs. */
    static final int MAX_CALLBACK_LENGTH = 2048;
    /** WebSub §5.1: hub.secret MUST be less than 200 bytes. */
    static final int MAX_SECRET_BYTES = 199;

    private final TopicResolver topics;
    private final AddressGuard guard;
    private final HubSubscriptionRepository subscriptions;
    private final HubConfig config;

    SubscriptionRequests(TopicResolver topics, AddressGuard guard, HubSubscriptionRepository subscriptions,
                         HubConfig config) {
        this.topics = topics;
        this.guard = guard;
        this.subscriptions = subscriptions;
        this.config = config;
    }

    HubRequest check(Map<String, String> form, HttpRequest<?> request) throws HubRefusedException {
        String mode = required(form, "hub.mode").toLowerCase(Locale.ROOT);
        if (!mode.equals(HubRequest.SUBSCRIBE) && !mode.equals(HubRequest.UNSUBSCRIBE)) {
            throw new HubRefusedException(400, "hub.mode must be subscribe or unsubscribe, not '" + mode + "'");
        }
        String callback = callback(required(form, "hub.callback"));
        Topic topic = topics.resolve(required(form, "hub.topic"), request);
        byte[] secret = secret(form.get("hub.secret"));
        long lease = config.leaseSeconds(lease(form.get("hub.lease_seconds")));
        String host = HttpUrl.get(callback).host();
        if (mode.equals(HubRequest.SUBSCRIBE)) {
            checkLimits(topic, callback, host);
        }
        return new HubRequest(mode, topic, callback, host, lease, secret);
    }

    private String callback(String callback) throws HubRefusedException {
        if (callback.length() > MAX_CALLBACK_LENGTH) {
            throw new HubRefusedException(400, "hub.callback is longer than " + MAX_CALLBACK_LENGTH + " characters");
        }
        Optional<String> refusal = guard.refusal(callback);
        if (refusal.isPresent()) {
            throw new HubRefusedException(400, "hub.callback is refused: " + refusal.get());
        }
        return callback;
    }

    private void checkLimits(Topic topic, String callback, String host) throws HubRefusedException {
        if (subscriptions.findByTopicHashAndCallbackHash(Sha256.hex(topic.url()), Sha256.hex(callback)).isPresent()) {
            return;
        }
        if (subscriptions.countByCallbackHost(host) >= config.maxPerCallbackHost()) {
            throw new HubRefusedException(429, "the callback host " + host + " already holds "
                    + config.maxPerCallbackHost() + " subscriptions (tributary.websub.max-per-callback-host)");
        }
        if (subscriptions.count() >= config.maxSubscriptions()) {
            throw new HubRefusedException(503, "this hub holds its maximum of " + config.maxSubscriptions()
                    + " subscriptions (tributary.websub.max-subscriptions); try again later");
        }
    }

    private static byte[] secret(String secret) throws HubRefusedException {
        if (secret == null || secret.isEmpty()) {
            return null;
        }
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_SECRET_BYTES) {
            throw new HubRefusedException(400, "hub.secret must be less than 200 bytes (WebSub §5.1), not "
                    + bytes.length);
        }
        return bytes;
    }

    private static Long lease(String lease) throws HubRefusedException {
        if (lease == null || lease.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(lease.strip());
        } catch (NumberFormatException e) {
            throw new HubRefusedException(400, "hub.lease_seconds must be a whole number of seconds, not '"
                    + lease + "'");
        }
    }

    private static String required(Map<String, String> form, String name) throws HubRefusedException {
        String value = form.get(name);
        if (value == null || value.isBlank()) {
            throw new HubRefusedException(400, name + " is missing");
        }
        return value.strip();
    }
}
