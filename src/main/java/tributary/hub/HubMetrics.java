package tributary.hub;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

/**
 * tributary_websub_deliveries_total{outcome}: delivered (a 2xx), failed (an attempt to be retried), gave-up (the
 * last attempt allowed by tributary.websub.max-attempts failed too).
 */
@Singleton
class HubMetrics {

    private final Counter delivered;
    private final Counter failed;
    private final Counter gaveUp;

    HubMetrics(MeterRegistry registry) {
        this.delivered = counter(registry, "delivered");
        this.failed = counter(registry, "failed");
        this.gaveUp = counter(registry, "gave-up");
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder("tributary.websub.deliveries").description("WebSub content distributions by outcome")
                .tag("outcome", outcome).register(registry);
    }

    void delivered() {
        delivered.increment();
    }

    void failed() {
        failed.increment();
    }

    void gaveUp() {
        gaveUp.increment();
    }
}
