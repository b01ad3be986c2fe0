package tributary.fulltext;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

/** The tributary_fulltext_total{outcome} meter: article jobs by what they came to. */
@Singleton
class FullTextMetrics {

    private final MeterRegistry registry;

    FullTextMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void count(FullTextOutcome outcome) {
        Counter.builder("tributary.fulltext").description("Article jobs of full-text feeds by outcome")
                .tag("outcome", outcome.label()).register(registry).increment();
    }
}
