package tributary.store;

import java.util.Locale;

/** The state of one of our WebSub subscriptions (source_subscription.state); column() is the stored value. */
public enum SubscriptionState {
    REQUESTED,
    ACTIVE,
    FAILED,
    UNSUBSCRIBING;

    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SubscriptionState of(String column) {
        return valueOf(column.toUpperCase(Locale.ROOT));
    }
}
