package tributary.push;

import static tributary.normalize.FeedUrlRedactor.redact;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tributary.store.SubscriptionRepository;
import tributary.store.SubscriptionRow;
import tributary.store.SubscriptionState;
import tributary.store.UtcTimes;

/**
 * Answers a hub's verification of intent (WebSub 4.3) for the subscription a callback token names: a subscribe of its
 * topic (first request or renewal) becomes active for the lease the hub granted; an unsubscribe of a subscription we
 * are ending forgets it; a denial (4.2) marks it failed with the hub's reason. Anything else is not something we
 * asked for: empty, which the controller answers with 404.
 */
@Singleton
class Verification {

    private static final Logger LOG = LoggerFactory.getLogger(Verification.class);

    private final SubscriptionRepository subscriptions;
    private final SubscribeConfig config;
    private final Clock clock;

    Verification(SubscriptionRepository subscriptions, SubscribeConfig config, Clock clock) {
        this.subscriptions = subscriptions;
        this.config = config;
        this.clock = clock;
    }

    /** The body of a 200 answer (the challenge echoed; empty for a denial), or empty for a 404. */
    Optional<String> answer(String token, String mode, String topic, String challenge, String leaseSeconds,
                            String reason) {
        Optional<SubscriptionRow> found = subscriptions.findByToken(token);
        if (found.isEmpty()) {
            return renewal(token, mode, topic, challenge, leaseSeconds);
        }
        if (mode == null || !found.get().topic().equals(topic)) {
            return Optional.empty();
        }
        SubscriptionRow row = found.get();
        SubscriptionState state = row.subscriptionState();
        if (mode.equals("denied")) {
            LOG.warn("Feed #{}: the WebSub hub {} denied our subscription{}", row.feedId(), redact(row.hub()),
                    reason == null ? "" : " (" + reason + ")");
            // WebSub 4.2: the subscription is then not possible; the feed is polled as before.
            subscriptions.fail(row.id(), SubscriptionState.FAILED, "the hub denied the subscription"
                    + (reason == null || reason.isBlank() ? "" : ": " + reason), null);
            return Optional.of("");
        }
        if (challenge == null || challenge.isEmpty()) {
            return Optional.empty();
        }
        if (mode.equals("unsubscribe") && state == SubscriptionState.UNSUBSCRIBING) {
            subscriptions.deleteById(row.id());
            return Optional.of(challenge);
        }
        if (!mode.equals("subscribe") || state == SubscriptionState.UNSUBSCRIBING) {
            return Optional.empty();
        }
        Long lease = lease(leaseSeconds);
        if (lease == null) {
            return Optional.empty();
        }
        // The lease counts from the verification request (WebSub 4.3); renew at renew-at of it.
        Instant now = clock.instant();
        subscriptions.activate(row.id(), (int) (long) lease, UtcTimes.toColumn(now.plusSeconds(lease)),
                renewAt(now, lease));
        LOG.info("Feed #{}: the WebSub hub {} confirmed our subscription for {} s", row.feedId(),
                redact(row.hub()), lease);
        return Optional.of(challenge);
    }

    /** The subscribe verification of a renewal's new callback: its token and secret become the subscription's. */
    private Optional<String> renewal(String token, String mode, String topic, String challenge, String leaseSeconds) {
        Optional<SubscriptionRow> found = subscriptions.findByRenewalToken(token);
        Long lease = lease(leaseSeconds);
        if (found.isEmpty() || !"subscribe".equals(mode) || !found.get().topic().equals(topic) || challenge == null
                || challenge.isEmpty() || lease == null
                || found.get().subscriptionState() == SubscriptionState.UNSUBSCRIBING) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        subscriptions.promoteRenewal(found.get().id(), token, (int) (long) lease,
                UtcTimes.toColumn(now.plusSeconds(lease)), renewAt(now, lease));
        LOG.info("Feed #{}: the WebSub hub {} renewed our subscription for {} s", found.get().feedId(),
                redact(found.get().hub()), lease);
        return Optional.of(challenge);
    }

    private LocalDateTime renewAt(Instant verifiedAt, long lease) {
        return UtcTimes.toColumn(verifiedAt.plusMillis(Math.round(lease * 1000 * config.renewAt())));
    }

    /** hub.lease_seconds (required for subscribe; absent, the lease we asked for); null when not a positive number. */
    private Long lease(String text) {
        if (text == null) {
            return config.leaseRequest().toSeconds();
        }
        try {
            long seconds = Long.parseLong(text.strip());
            return seconds > 0 ? Math.min(seconds, Integer.MAX_VALUE) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
