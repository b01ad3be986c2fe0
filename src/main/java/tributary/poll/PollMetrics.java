package tributary.poll;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The poll meters under tributary_: polls by outcome and error class, fetch latency (a histogram) and bytes
 * fetched; items stored are counted where they are stored (ingest).
 */
@Singleton
public class PollMetrics {

    private final MeterRegistry registry;
    private final Timer fetchLatency;
    private final Counter bytesFetched;

    public PollMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.fetchLatency = Timer.builder("tributary.fetch.latency")
                .description("Time from sending a feed request to holding its whole body (or failing)")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
        this.bytesFetched = Counter.builder("tributary.fetch.bytes").baseUnit("bytes")
                .description("Feed body bytes received (decompressed)").register(registry);
    }

    void fetched(Duration took, long bytes) {
        fetchLatency.record(took);
        if (bytes > 0) {
            bytesFetched.increment(bytes);
        }
    }

    /** error: the error class of a failed or rate-limited poll, "none" for the others. */
    void polled(PollOutcome.Result outcome, String error) {
        Counter.builder("tributary.polls").description("Polls by outcome and error class")
                .tag("outcome", outcome.label()).tag("error", error).register(registry).increment();
    }
}
