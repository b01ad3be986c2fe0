package tributary.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.LocalDateTime;

/** A row of source_subscription: our subscription to the hub of one feed (times UTC; see V11 for each column). */
@MappedEntity("source_subscription")
public record SubscriptionRow(
        @Id @GeneratedValue @Nullable Long id,
        long feedId,
        String hub,
        String topic,
        String token,
        String secret,
        @Nullable String renewalToken,
        @Nullable String renewalSecret,
        String state,
        @Nullable Integer leaseSeconds,
        @Nullable LocalDateTime leaseUntil,
        @Nullable LocalDateTime nextActionAt,
        int attempts,
        @Nullable String lastError,
        LocalDateTime createdAt) {

    public SubscriptionState subscriptionState() {
        return SubscriptionState.of(state);
    }
}
