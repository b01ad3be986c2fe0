package tributary.hub;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tributary.common.HubSignature;
import tributary.config.InstanceIdentity;
import tributary.normalize.FeedUrlRedactor;
import tributary.publish.FeedFormat;
import tributary.publish.RenderedFeed;
import tributary.publish.TopicPages;
import tributary.store.HubDeliveryQueue;
import tributary.store.HubSubscriptionRepository;
import tributary.store.HubSubscriptionRow;

/**
 * Sends due deliveries (WebSub §7): claims them from the shared queue, renders each topic's first page as a reader
 * would get it, and POSTs it to the callback with the feed's content type, Link headers for hub and self, and
 * X-Hub-Signature when the subscriber gave a secret. A non-2xx or a timeout is retried after a doubling back-off
 * and given up after tributary.websub.max-attempts.
 */
@Singleton
class ContentDistributor {

    private static final Logger LOG = LoggerFactory.getLogger(ContentDistributor.class);

    /** Subscriptions whose last delivered page this instance remembers; past it, it forgets them all at once. */
    static final int MAX_REMEMBERED = 20_000;

    /** The ETag of the page last delivered to each subscription by this instance (a restart forgets: one resend). */
    private final Map<Long, String> delivered = new ConcurrentHashMap<>();

    private final HubDeliveryQueue queue;
    private final HubSubscriptionRepository subscriptions;
    private final TopicPages pages;
    private final HubHttp http;
    private final HubWorkers workers;
    private final HubMetrics metrics;
    private final HubConfig config;
    private final InstanceIdentity identity;
    private final Clock clock;

    ContentDistributor(HubDeliveryQueue queue, HubSubscriptionRepository subscriptions, TopicPages pages,
                       HubHttp http, HubWorkers workers, HubMetrics metrics, HubConfig config,
                       InstanceIdentity identity, Clock clock) {
        this.queue = queue;
        this.subscriptions = subscriptions;
        this.pages = pages;
        this.http = http;
        this.workers = workers;
        this.metrics = metrics;
        this.config = config;
        this.identity = identity;
        this.clock = clock;
    }

    /** Sends every delivery due now, on the hub's pool, and returns when they are done; answers how many were sent. */
    int deliverDueNow() {
        int sent = 0;
        while (true) {
            LocalDateTime now = now();
            // A claim outlives the longest attempt, so no other instance takes a delivery still being sent.
            LocalDateTime leaseUntil = now.plus(config.deliveryTimeout().multipliedBy(2)).plusSeconds(30);
            List<HubDeliveryQueue.Claim> claims = queue.claim(identity.id(), now, leaseUntil,
                    Math.max(1, workers.idle()));
            if (claims.isEmpty()) {
                return sent;
            }
            List<CompletableFuture<Void>> running = new ArrayList<>();
            for (HubDeliveryQueue.Claim claim : claims) {
                CompletableFuture<Void> done = new CompletableFuture<>();
                if (workers.offer(() -> {
                    try {
                        deliver(claim);
                    } finally {
                        done.complete(null);
                    }
                })) {
                    running.add(done);
                }
            }
            running.forEach(CompletableFuture::join);
            sent += running.size();
            if (running.size() < claims.size()) {
                // The pool is full: the rest of the claims lapse and are taken again later.
                return sent;
            }
        }
    }

    private void deliver(HubDeliveryQueue.Claim claim) {
        try {
            Optional<HubSubscriptionRow> found = subscriptions.findById(claim.subscriptionId());
            if (found.isEmpty() || !found.get().liveAt(now())) {
                queue.finish(claim);
                return;
            }
            HubSubscriptionRow sub = found.get();
            FeedFormat format = FeedFormat.ofExtension(sub.format()).orElseThrow();
            Optional<RenderedFeed> page = pages.firstPage(sub.slug(), format, sub.base());
            if (page.isEmpty()) {
                subscriptions.recordDelivery(sub.id(), now(), "not sent: the category no longer exists", true);
                queue.finish(claim);
                return;
            }
            if (page.get().etag().equals(delivered.get(sub.id()))) {
                // The page this subscriber last received, unchanged: a topic's subscribers are queued on every change
                // of items, since only the render tells whether its first page changed.
                queue.finish(claim);
                return;
            }
            HubHttp.Answer answer = http.post(sub.callback(), format.contentType(), page.get().body(),
                    headers(sub, page.get().body()));
            if (answer.ok()) {
                if (delivered.size() >= MAX_REMEMBERED) {
                    delivered.clear();
                }
                delivered.put(sub.id(), page.get().etag());
            }
            record(claim, sub, answer);
        } catch (RuntimeException e) {
            // The database or the render is away: the claim lapses and the delivery is tried again.
            LOG.warn("WebSub delivery #{} could not be sent: {}", claim.subscriptionId(), e.toString());
        }
    }

    private Map<String, String> headers(HubSubscriptionRow sub, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Link", "<" + sub.base() + HubLinks.PATH + ">; rel=\"hub\", <" + sub.topic() + ">; rel=\"self\"");
        if (sub.secret() != null) {
            headers.put(HubSignature.HEADER, HubSignature.sign(body, sub.secret()));
        }
        return headers;
    }

    private void record(HubDeliveryQueue.Claim claim, HubSubscriptionRow sub, HubHttp.Answer answer) {
        LocalDateTime now = now();
        if (answer.ok()) {
            subscriptions.recordDelivery(sub.id(), now, answer.describe(), false);
            queue.finish(claim);
            metrics.delivered();
            return;
        }
        int attempts = claim.attempts() + 1;
        if (attempts >= config.maxAttempts()) {
            subscriptions.recordDelivery(sub.id(), now, answer.describe() + ", given up after " + attempts
                    + " attempts", true);
            queue.finish(claim);
            metrics.gaveUp();
            LOG.warn("WebSub delivery of {} to {} given up after {} attempts: {}", sub.topic(),
                    FeedUrlRedactor.redact(sub.callback()), attempts, answer.describe());
            return;
        }
        subscriptions.recordDelivery(sub.id(), now, answer.describe(), true);
        queue.retryAt(claim, now.plus(config.backOff(attempts)));
        metrics.failed();
    }

    private LocalDateTime now() {
        return LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
