package tributary.cluster;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The features and band keys of the items read lately, by item and version, at most capacity of them, the least recently used
 * forgotten first: the same stored items are candidates of many new items, and reading them again for every batch was
 * most of what clustering cost at ingest. A miss (another instance stored the item, or it was forgotten) reads it
 * again, to the same features.
 */
public final class FeatureCache {

    private final int capacity;
    private final Map<String, StoryReading> entries;

    public FeatureCache(int capacity) {
        this.capacity = Math.max(0, capacity);
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, StoryReading> eldest) {
                return size() > FeatureCache.this.capacity;
            }
        };
    }

    /** The reading of the item known by key (its id and version), read from the item only when not kept. */
    public StoryReading read(String key, Supplier<ClusterItem> item) {
        synchronized (entries) {
            StoryReading kept = entries.get(key);
            if (kept != null) {
                return kept;
            }
        }
        // Read outside the lock: poll workers read different items at the same time.
        StoryReading read = StoryReading.of(item.get());
        if (capacity > 0) {
            synchronized (entries) {
                entries.put(key, read);
            }
        }
        return read;
    }

    /** The reading kept for key, or null: lets a caller read from the database only the items not kept. */
    public StoryReading kept(String key) {
        synchronized (entries) {
            return entries.get(key);
        }
    }

    /** How many items' features are kept now. */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
