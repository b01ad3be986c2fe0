package tributary.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import tributary.normalize.FeedUrlRedactor;
import tributary.store.HubSubscriptionRepository;
import tributary.store.HubSubscriptionRow;
import tributary.store.UtcTimes;

/** GET /admin/websub: the subscriptions to our hub, their state, lease and how the last delivery went. */
@Controller("/admin/websub")
@ExecuteOn(TaskExecutors.BLOCKING)
class WebSubAdminController {

    /**
     * One subscription: state is pending (verification running), active or expired (lease ended, no longer delivered
     * to, removed a day later); the callback is shown without secrets it may carry in its query; failures counts
     * failed deliveries since the last successful one. signed says whether deliveries carry X-Hub-Signature.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SubscriptionView(long id, String topic, String callback, String state, boolean signed,
                            @JsonProperty("lease_seconds") long leaseSeconds,
                            @JsonProperty("lease_end") Instant leaseEnd,
                            @JsonProperty("created_at") Instant createdAt,
                            @JsonProperty("last_delivery_at") Instant lastDeliveryAt,
                            @JsonProperty("last_delivery_status") String lastDeliveryStatus, int failures) {
    }

    private final HubSubscriptionRepository subscriptions;
    private final Clock clock;

    WebSubAdminController(HubSubscriptionRepository subscriptions, Clock clock) {
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    @Get
    List<SubscriptionView> list() {
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        return subscriptions.findAllInOrder().stream().map(s -> view(s, now)).toList();
    }

    private static SubscriptionView view(HubSubscriptionRow s, LocalDateTime now) {
        String state = HubSubscriptionRow.PENDING.equals(s.state()) ? "pending" : s.liveAt(now) ? "active" : "expired";
        return new SubscriptionView(s.id(), s.topic(), FeedUrlRedactor.redact(s.callback()), state,
                s.secret() != null, s.leaseSeconds(), UtcTimes.fromColumn(s.leaseEnd()),
                UtcTimes.fromColumn(s.createdAt()), UtcTimes.fromColumn(s.lastDeliveryAt()), s.lastDeliveryStatus(),
                s.failures());
    }
}
