package tributary.push;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.Locale;

/** tributary_websub_pushes_received_total{outcome}: content distributions that reached our callbacks. */
@Singleton
class PushMetrics {

    /** What became of a push; label() is the outcome tag. */
    enum Outcome {
        INGESTED, BAD_SIGNATURE, UNKNOWN, TOO_LARGE, PARSE_ERROR;

        String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final MeterRegistry registry;

    PushMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void received(Outcome outcome) {
        Counter.builder("tributary.websub.pushes.received")
                .description("WebSub content distributions received from source hubs, by what became of them")
                .tag("outcome", outcome.label()).register(registry).increment();
    }

    double count(Outcome outcome) {
        Counter counter = registry.find("tributary.websub.pushes.received").tag("outcome", outcome.label()).counter();
        return counter == null ? 0 : counter.count();
    }
}
