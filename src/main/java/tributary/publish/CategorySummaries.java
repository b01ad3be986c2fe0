package tributary.publish;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import tributary.store.CategoryRepository;
import tributary.store.CategoryRow;
import tributary.store.CategoryStats;
import tributary.store.ItemReader;
import tributary.store.TopicRepository;
import tributary.store.TopicRow;

/**
 * The categories with their item counts and newest dates, and the topics, for GET / (tributary.web), /feeds and /feeds.opml: read once per change of
 * items or catalog (the render cache's change events), not once per request, since the counts aggregate every item.
 */
@Singleton
public class CategorySummaries {

    /**
     * One category, a topic (query set, stats null: counting a query's matches would read every item), or
     * "everything" (last).
     */
    public record Summary(String slug, String title, String description, CategoryStats stats, String query) {

        public boolean topic() {
            return query != null;
        }
    }

    private record Snapshot(List<Summary> rows, long version) {
    }

    private final CategoryRepository categories;
    private final TopicRepository topics;
    private final ItemReader items;
    private final RenderCache cache;
    private final AtomicLong loads = new AtomicLong();
    private final ReentrantLock loading = new ReentrantLock();
    private volatile Snapshot snapshot;

    CategorySummaries(CategoryRepository categories, TopicRepository topics, ItemReader items, RenderCache cache) {
        this.categories = categories;
        this.topics = topics;
        this.items = items;
        this.cache = cache;
    }

    /**
     * The summaries as of the last change; the last ones read while the database is away.
     *
     * @throws PageUnavailableException when none were read yet and the database is away
     */
    public List<Summary> current() {
        // The version is read before the queries: a change during them leaves the snapshot stale, never lost.
        long version = cache.changes();
        Snapshot known = snapshot;
        if (known != null && known.version() == version) {
            return known.rows();
        }
        // One reader at a time; meanwhile the others get the previous summaries at once, when there are some.
        if (known != null && !loading.tryLock()) {
            return known.rows();
        }
        if (known == null) {
            loading.lock();
        }
        try {
            known = snapshot;
            if (known != null && known.version() >= version) {
                return known.rows();
            }
            List<Summary> rows = load();
            snapshot = new Snapshot(rows, version);
            return rows;
        } catch (RuntimeException e) {
            if (known != null) {
                return known.rows();
            }
            throw PageUnavailableException.fromDatabase(e);
        } finally {
            loading.unlock();
        }
    }

    private List<Summary> load() {
        loads.incrementAndGet();
        Map<Long, CategoryStats> stats = items.statsByCategory();
        List<Summary> rows = new ArrayList<>();
        for (CategoryRow category : categories.findAllInOrder()) {
            rows.add(new Summary(category.slug(), category.title(), category.description(),
                    stats.getOrDefault(category.id(), new CategoryStats(0, null)), null));
        }
        for (TopicRow topic : topics.all()) {
            rows.add(new Summary(topic.slug(), topic.title(), null, null, topic.query()));
        }
        rows.add(new Summary(CategoryRow.ALL, "Everything", "Every item of every feed", items.statsOfAll(), null));
        return List.copyOf(rows);
    }

    /** How many times the summaries were read from the database. */
    long loads() {
        return loads.get();
    }
}
