package tributary.publish;

import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import tributary.store.CategoryRow;
import tributary.store.ContentChangedEvent;
import tributary.store.ItemReader;
import tributary.store.TopicRepository;
import tributary.store.TopicRow;

/**
 * Rendered feed pages kept in memory, so a hot feed costs a map lookup instead of a query and a render.
 * Keyed by {@link CacheKey} (what changes a page, nothing else a request carries: a feed's PageKey, or a reader
 * page's key in tributary.web); bounded in bytes, least recently
 * used dropped first, and in distinct base URLs, so Host headers cannot multiply entries. Each existing category has
 * a generation that ingest bumps when one of its feeds changes; an entry of an older generation is rendered again.
 * A topic draws on every category, so every change of items makes its pages stale (like those of "all").
 * Renders run at most tributary.publish.render-concurrency at once; requests for a page being rendered share it.
 * Readers' searches (?q=, ?since=) have their own slots (query-concurrency) and at most a quarter of the bytes, least
 * recently used dropped first, so neither their renders nor their pages can crowd out the plain feeds.
 */
@Singleton
public class RenderCache {

    private record Entry(RenderedFeed feed, long global, long category, long weight) {
    }

    private final ItemReader reader;
    private final TopicRepository topics;
    private final long maxBytes;
    private final int maxBaseUrls;
    private final Duration renderWait;
    private final Semaphore renders;
    private final Semaphore searches;
    /** The topics' slugs as last read; null after a catalog change, read again at the next change of items. */
    private volatile List<String> topicSlugs;
    /** Access-ordered: the eldest is the least recently used. Guards bytes and entriesByBase too. */
    private final LinkedHashMap<CacheKey, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
    private final Map<String, Integer> entriesByBase = new HashMap<>();
    private long bytes;
    /** Of bytes, those of searched pages (CacheKey.searched()). */
    private long searchBytes;
    /** Only slugs ingest named (categories that exist); an absent slug is generation 0, so asking costs no state. */
    private final Map<String, AtomicLong> generations = new ConcurrentHashMap<>();
    private final Map<CacheKey, CompletableFuture<RenderedFeed>> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong global = new AtomicLong();
    private final AtomicLong changes = new AtomicLong();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    public RenderCache(ItemReader reader, TopicRepository topics, PublishConfig config) {
        this.reader = reader;
        this.topics = topics;
        this.maxBytes = config.cacheBytes();
        this.maxBaseUrls = Math.max(1, config.maxBaseUrls());
        this.renderWait = config.renderWait();
        this.renders = new Semaphore(config.renders(), true);
        this.searches = new Semaphore(Math.max(1, config.queryConcurrency()), true);
    }

    /**
     * The cached page of key, else a fresh render stored for the next request; null when render gives null.
     *
     * @throws PageUnavailableException when the page is not cached and cannot be rendered now
     */
    public RenderedFeed get(CacheKey key, Supplier<RenderedFeed> render) {
        // Read the generations before rendering: a change during the render leaves the entry stale, never lost.
        long globalNow = global.get();
        long categoryNow = generation(key.slug());
        RenderedFeed hit = current(key, globalNow, categoryNow);
        if (hit != null) {
            return hit;
        }
        misses.incrementAndGet();
        RenderedFeed fresh;
        try {
            fresh = shared(key, render);
        } catch (RuntimeException e) {
            // The database is away: a stale page, with its own validators, serves readers better than an error.
            Entry stale;
            synchronized (entries) {
                stale = entries.get(key);
            }
            if (stale == null) {
                throw PageUnavailableException.fromDatabase(e);
            }
            return stale.feed();
        }
        if (fresh != null) {
            store(key, new Entry(fresh, globalNow, categoryNow,
                    fresh.body().length + fresh.gzipped().length + key.weight() + 256L));
        }
        return fresh;
    }

    /** The cached page when it is still current, without rendering: null on a miss. */
    public RenderedFeed peek(CacheKey key) {
        return current(key, global.get(), generation(key.slug()));
    }

    /** Renders once for every request that asks for the same page meanwhile, within the render slots. */
    private RenderedFeed shared(CacheKey key, Supplier<RenderedFeed> render) {
        CompletableFuture<RenderedFeed> mine = new CompletableFuture<>();
        CompletableFuture<RenderedFeed> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return await(running);
        }
        try {
            Semaphore slots = key.searched() ? searches : renders;
            if (!slots.tryAcquire(renderWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new PageUnavailableException("every render slot stayed busy for " + renderWait.toSeconds()
                        + " s", null);
            }
            try {
                RenderedFeed fresh = render.get();
                mine.complete(fresh);
                return fresh;
            } finally {
                slots.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            PageUnavailableException failure = new PageUnavailableException("interrupted while waiting to render", e);
            mine.completeExceptionally(failure);
            throw failure;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    private RenderedFeed await(CompletableFuture<RenderedFeed> running) {
        try {
            // The render itself waits at most renderWait for a slot, then as long as its queries take.
            return running.get(2 * renderWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new PageUnavailableException("the same page has been rendering for too long", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PageUnavailableException("interrupted while waiting for a render", e);
        }
    }

    private void store(CacheKey key, Entry entry) {
        if (entry.weight() > maxBytes) {
            return;
        }
        synchronized (entries) {
            // A base URL comes from the Host header: past the cap, pages of new ones are served but not kept.
            if (!entriesByBase.containsKey(key.base()) && entriesByBase.size() >= maxBaseUrls) {
                return;
            }
            Entry previous = entries.put(key, entry);
            if (previous == null) {
                entriesByBase.merge(key.base(), 1, Integer::sum);
            } else {
                account(key, -previous.weight());
            }
            account(key, entry.weight());
            Iterator<Map.Entry<CacheKey, Entry>> eldest = entries.entrySet().iterator();
            while ((bytes > maxBytes || searchBytes > maxBytes / 4) && eldest.hasNext()) {
                Map.Entry<CacheKey, Entry> dropped = eldest.next();
                if (bytes <= maxBytes && !dropped.getKey().searched()) {
                    continue;
                }
                eldest.remove();
                account(dropped.getKey(), -dropped.getValue().weight());
                entriesByBase.computeIfPresent(dropped.getKey().base(), (base, n) -> n == 1 ? null : n - 1);
            }
        }
    }

    private void account(CacheKey key, long weight) {
        bytes += weight;
        if (key.searched()) {
            searchBytes += weight;
        }
    }

    private RenderedFeed current(CacheKey key, long globalNow, long categoryNow) {
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
        changes.incrementAndGet();
        if (event.feedId() == null) {
            global.incrementAndGet();
            // Every entry is stale by the global generation now; dropping the per-category ones forgets deleted slugs.
            generations.clear();
            topicSlugs = null;
            return;
        }
        bump(CategoryRow.ALL);
        for (String slug : reader.categorySlugsOfFeed(event.feedId())) {
            bump(slug);
        }
        List<String> known = topicSlugs;
        if (known == null) {
            known = topics.all().stream().map(TopicRow::slug).toList();
            topicSlugs = known;
        }
        for (String slug : known) {
            bump(slug);
        }
    }

    private void bump(String slug) {
        generations.computeIfAbsent(slug, s -> new AtomicLong()).incrementAndGet();
    }

    private long generation(String slug) {
        AtomicLong generation = generations.get(slug);
        return generation == null ? 0 : generation.get();
    }

    /** Counts every change of items or catalog seen, for what else is read once per change (the category listing). */
    long changes() {
        return changes.get();
    }

    public long hits() {
        return hits.get();
    }

    public long misses() {
        return misses.get();
    }

    /** Bytes held by the cached pages of readers' searches, at most a quarter of the bound. */
    long searchBytes() {
        synchronized (entries) {
            return searchBytes;
        }
    }

    /** Bytes held by the cached pages (bodies, gzipped bodies and keys), at most tributary.publish.cache-max-bytes. */
    public long sizeBytes() {
        synchronized (entries) {
            return bytes;
        }
    }

    int entryCount() {
        synchronized (entries) {
            return entries.size();
        }
    }

    int baseUrlCount() {
        synchronized (entries) {
            return entriesByBase.size();
        }
    }

    /** Slugs that have a generation: only categories ingest changed since the last catalog change. */
    int trackedSlugs() {
        return generations.size();
    }

    long maxBytes() {
        return maxBytes;
    }
}
