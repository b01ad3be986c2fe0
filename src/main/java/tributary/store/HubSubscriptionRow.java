package tributary.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.LocalDateTime;

/**
 * A subscription to one of our feeds through our WebSub hub (table websub_subscription, see V10): the topic as the
 * subscriber wrote it and the page it names (slug, format, base), the callback, its secret (null: deliveries are not
 * signed), state ("pending" or "active"), the lease, and how the last delivery went.
 */
@MappedEntity("websub_subscription")
public record HubSubscriptionRow(
        @Id @GeneratedValue @Nullable Long id,
        String topic,
        String topicHash,
        String slug,
        String format,
        String base,
        String callback,
        String callbackHash,
        String callbackHost,
        @Nullable byte[] secret,
        String state,
        long leaseSeconds,
        @Nullable LocalDateTime leaseEnd,
        LocalDateTime createdAt,
        @Nullable LocalDateTime queuedChangeAt,
        @Nullable LocalDateTime lastDeliveryAt,
        @Nullable String lastDeliveryStatus,
        int failures) {

    public static final String PENDING = "pending";
    public static final String ACTIVE = "active";

    /** Active with a lease still running at now: the only subscriptions deliveries go to. */
    public boolean liveAt(LocalDateTime now) {
        return ACTIVE.equals(state) && leaseEnd != null && leaseEnd.isAfter(now);
    }
}
