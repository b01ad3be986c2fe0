package tributary.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.List;
import tributary.store.ItemReader;

/** The tributary_items meter: items stored, new or updated, by category of their feed. */
@Singleton
class IngestMetrics {

    private final MeterRegistry registry;
    private final ItemReader reader;

    IngestMetrics(MeterRegistry registry, ItemReader reader) {
        this.registry = registry;
        this.reader = reader;
    }

    /** Counts one document's stored items in every category of its feed ("none" when it has none). */
    void items(long feedId, int inserted, int updated) {
        List<String> categories = reader.categorySlugsOfFeed(feedId);
        for (String category : categories.isEmpty() ? List.of("none") : categories) {
            count(category, "new", inserted);
            count(category, "updated", updated);
        }
    }

    private void count(String category, String change, int items) {
        if (items > 0) {
            Counter.builder("tributary.items").description("Items stored, new or updated, by category")
                    .tag("change", change).tag("category", category).register(registry).increment(items);
        }
    }
}
