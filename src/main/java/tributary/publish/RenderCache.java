package tributary.publish;

import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import tributary.store.ContentChangedEvent;
import tributary.store.ItemReader;

/**
 * Rendered feed pages kept in memory, so a hot feed costs a map lookup instead of a query and a render.
 * Each category has a generation that ingest bumps when one of its feeds changes; an entry of an older
 * generation is rendered again. Bounded in entries, least recently used dropped first.
 */
@Singleton
public class RenderCache {

    /** Pages of one category, by the URL (with query) they were rendered for. */
    private record Entry(RenderedFeed feed, long global, long category) {
    }

    private final ItemReader reader;
    private final Map<String, Entry> entries;
    private final Map<String, AtomicLong> generations = new ConcurrentHashMap<>();
    private final AtomicLong global = new AtomicLong();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    public RenderCache(ItemReader reader, PublishConfig config) {
        this.reader = reader;
        int capacity = Math.max(16, config.cacheEntries());
        this.entries = new LinkedHashMap<>(capacity, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The cached page of slug rendered for url, else a fresh render stored for the next request; null when render gives null. */
    public RenderedFeed get(String slug, String url, Supplier<RenderedFeed> render) {
        String key = slug + "\n" + url;
        // Read the generations before rendering: a change during the render leaves the entry stale, never lost.
        long globalNow = global.get();
        long categoryNow = generation(slug).get();
        RenderedFeed hit = current(key, globalNow, categoryNow);
        if (hit != null) {
            return hit;
        }
        misses.incrementAndGet();
        RenderedFeed fresh;
        try {
            fresh = render.get();
        } catch (RuntimeException e) {
            // The database is away: a stale page, with its own validators, serves readers better than an error.
            Entry stale;
            synchronized (entries) {
                stale = entries.get(key);
            }
            if (stale == null) {
                throw e;
            }
            return stale.feed();
        }
        if (fresh != null) {
            synchronized (entries) {
                entries.put(key, new Entry(fresh, globalNow, categoryNow));
            }
        }
        return fresh;
    }

    /** The cached page when it is still current, without rendering: null on a miss. */
    public RenderedFeed peek(String slug, String url) {
        return current(slug + "\n" + url, global.get(), generation(slug).get());
    }

    private RenderedFeed current(String key, long globalNow, long categoryNow) {
        Entry entry;
        synchronized (entries) {
            entry = entries.get(key);
        }
        if (entry != null && entry.global() == globalNow && entry.category() == categoryNow) {
            hits.incrementAndGet();
            return entry.feed();
        }
        return null;
    }

    @EventListener
    void onContentChanged(ContentChangedEvent event) {
        if (event.feedId() == null) {
            global.incrementAndGet();
            return;
        }
        generation(FeedsController.ALL).incrementAndGet();
        for (String slug : reader.categorySlugsOfFeed(event.feedId())) {
            generation(slug).incrementAndGet();
        }
    }

    public long hits() {
        return hits.get();
    }

    public long misses() {
        return misses.get();
    }

    private AtomicLong generation(String slug) {
        return generations.computeIfAbsent(slug, s -> new AtomicLong());
    }
}
