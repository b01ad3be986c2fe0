package tributary.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Items' features kept by key: read once while kept, the least recently used forgotten past the capacity. */
class FeatureCacheTest {

    private final AtomicInteger reads = new AtomicInteger();

    private Supplier<ClusterItem> item(String title) {
        return () -> {
            reads.incrementAndGet();
            return new ClusterItem(title, "site.vn", Instant.parse("2025-10-12T08:00:00Z"), title, "Tóm tắt " + title);
        };
    }

    @Test
    void anItemKeptIsNotReadAgain() {
        FeatureCache cache = new FeatureCache(4);
        StoryReading first = cache.read("1/a", item("Bão số 12 áp sát Đà Nẵng"));
        assertSame(first, cache.read("1/a", item("Bão số 12 áp sát Đà Nẵng")));
        assertEquals(1, reads.get());
    }

    @Test
    void theLeastRecentlyUsedIsForgottenAndReadAgainToTheSameFeatures() {
        FeatureCache cache = new FeatureCache(2);
        StoryFeatures one = cache.read("1/a", item("Một")).features();
        cache.read("2/a", item("Hai"));
        cache.read("1/a", item("Một"));
        cache.read("3/a", item("Ba"));
        assertEquals(2, cache.size());
        assertEquals(3, reads.get());
        cache.read("1/a", item("Một"));
        assertEquals(3, reads.get());
        cache.read("2/a", item("Hai"));
        assertEquals(4, reads.get());
        assertEquals(one, FeatureExtractor.read(item("Một").get()));
    }

    @Test
    void aNewVersionOfAnItemIsReadAgain() {
        FeatureCache cache = new FeatureCache(4);
        StoryFeatures before = cache.read("1/a", item("Tin cũ về bão")).features();
        StoryFeatures after = cache.read("1/b", item("Tin mới về bão số 12")).features();
        assertEquals(2, reads.get());
        assertEquals(false, before.equals(after));
    }

    @Test
    void aCapacityOfZeroKeepsNothing() {
        FeatureCache cache = new FeatureCache(0);
        cache.read("1/a", item("Một"));
        cache.read("1/a", item("Một"));
        assertEquals(0, cache.size());
        assertEquals(2, reads.get());
    }
}
