package tributary.poll;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;

/**
 * The poll meters under tributary_: polls by outcome and error class, fetch latency (a histogram), bytes fetched,
 * and items new and updated by category.
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

    /** outcome: ok, not-modified, error, gone, rate-limited; error: the error class, "none" for the others. */
    void polled(String outcome, String error) {
        Counter.builder("tributary.polls").description("Polls by outcome and error class")
                .tag("outcome", outcome).tag("error", error).register(registry).increment();
    }

    /** Counts the items of one poll in every category of its feed ("none" when it has none). */
    void items(List<String> categories, int inserted, int updated) {
        for (String category : categories.isEmpty() ? List.of("none") : categories) {
            if (inserted > 0) {
                Counter.builder("tributary.items").description("Items stored, new or updated, by category")
                        .tag("change", "new").tag("category", category).register(registry).increment(inserted);
            }
            if (updated > 0) {
                Counter.builder("tributary.items").description("Items stored, new or updated, by category")
                        .tag("change", "updated").tag("category", category).register(registry).increment(updated);
            }
        }
    }
}
