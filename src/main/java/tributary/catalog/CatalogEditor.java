package tributary.catalog;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import tributary.store.CatalogReader;
import tributary.store.CatalogRevisions;
import tributary.store.CatalogWrites;
import tributary.store.Conflicts;
import tributary.store.CategoryRepository;
import tributary.store.ContentChangedEvent;
import tributary.store.DuplicateKey;
import tributary.store.FeedRepository;
import tributary.store.FeedSettings;
import tributary.store.TopicRepository;
import tributary.store.TopicWrites;
import tributary.store.UtcTimes;

/**
 * Edits the catalog on behalf of the admin API: rows it creates have origin 'api'. Callers check first that a row
 * is not managed by feeds.yml; slugs passed in must exist (the API validates them). Each edit is one transaction that
 * bumps the catalog revision first, so edits and reconciles of every instance run one after another.
 */
@Singleton
public class CatalogEditor {

    private final TransactionOperations<Connection> tx;
    private final Clock clock;
    private final ApplicationEventPublisher<ContentChangedEvent> events;
    private final CatalogRevisions revisions;
    private final CatalogWrites writes;
    private final FeedRepository feeds;
    private final CategoryRepository categories;
    private final CatalogReader catalog;
    private final TopicRepository topics;
    private final TopicWrites topicWrites;
    private final Conflicts conflicts;

    public CatalogEditor(TransactionOperations<Connection> tx, Clock clock,
                         ApplicationEventPublisher<ContentChangedEvent> events, CatalogRevisions revisions,
                         CatalogWrites writes, FeedRepository feeds, CategoryRepository categories,
                         CatalogReader catalog, TopicRepository topics, TopicWrites topicWrites,
                         Conflicts conflicts) {
        this.conflicts = conflicts;
        this.tx = tx;
        this.clock = clock;
        this.events = events;
        this.revisions = revisions;
        this.writes = writes;
        this.feeds = feeds;
        this.categories = categories;
        this.catalog = catalog;
        this.topics = topics;
        this.topicWrites = topicWrites;
    }

    /** Adds a feed (or brings back a removed one with the same URL) and answers its id; due for polling at once. */
    public long addFeed(FeedSettings settings) {
        return edit(() -> {
            feeds.lockByUrlHash(settings.urlHash()).filter(f -> f.deletedAt() == null).ifPresent(f -> {
                throw new CatalogConflictException("feed " + settings.url() + " is already listed as feed #" + f.id()
                        + ": change that one instead");
            });
            long id = writes.upsertApiFeed(settings, UtcTimes.toColumn(clock.instant()));
            link(id, settings.categories());
            return id;
        });
    }

    /** Changes a feed's settings to what change makes of its current ones (its URL stays: it is the feed's identity). */
    public void updateFeed(long id, UnaryOperator<FeedSettings> change) {
        edit(() -> {
            // Read after the revision bump, whose lock orders catalog writers: no other edit slips in between.
            FeedSettings settings = change.apply(catalog.feedSettings(id).orElseThrow());
            writes.updateSettings(id, settings);
            feeds.unlinkCategories(id);
            link(id, settings.categories());
            return null;
        });
    }

    /** Removes a feed: its items stay in merged outputs unless purge, which deletes them too. */
    public void deleteFeed(long id, boolean purge) {
        edit(() -> {
            if (purge) {
                feeds.deleteById(id);
            } else {
                feeds.softDelete(id, UtcTimes.toColumn(clock.instant()));
            }
            return null;
        });
    }

    /** Adds a category; block: its rules as written (checked by the caller), none when empty. */
    public void addCategory(String slug, String title, String description, List<String> block) {
        addCategory(slug, title, description, block, true);
    }

    /** As above; clustering false lists every copy of a story cluster in its outputs as its own entry. */
    public void addCategory(String slug, String title, String description, List<String> block, boolean clustering) {
        edit(() -> {
            refuseTopicSlug(slug);
            try {
                categories.insertApiCategory(slug, title, description, block, clustering,
                        UtcTimes.toColumn(clock.instant()));
            } catch (RuntimeException e) {
                throw conflictIfTaken(e, slug);
            }
            return null;
        });
    }

    /** Changes title and description (null: unchanged) and, when newSlug is given, the slug, which readers subscribe by. */
    public void updateCategory(String slug, String title, String description, String newSlug) {
        updateCategory(slug, title, description, newSlug, null, null);
    }

    /**
     * As above; block (null: unchanged, empty: none) replaces the category's block rules, clustering (null:
     * unchanged) switches story clusters in its outputs on or off.
     */
    public void updateCategory(String slug, String title, String description, String newSlug, List<String> block,
                               Boolean clustering) {
        edit(() -> {
            if (block != null) {
                categories.updateBlock(slug, block);
            }
            if (clustering != null) {
                categories.updateClustering(slug, clustering);
            }
            if (title != null) {
                categories.updateTitle(slug, title);
            }
            if (description != null) {
                categories.updateDescription(slug, description.isBlank() ? null : description);
            }
            if (newSlug != null && !newSlug.equals(slug)) {
                refuseTopicSlug(newSlug);
                try {
                    categories.updateSlug(slug, newSlug);
                } catch (RuntimeException e) {
                    throw conflictIfTaken(e, newSlug);
                }
            }
            return null;
        });
    }

    /** Deletes a category; feeds in it lose that membership. */
    public void deleteCategory(String slug) {
        edit(() -> {
            categories.deleteBySlug(slug);
            return null;
        });
    }

    /** Adds a topic (categories: slugs that exist, empty for every category). */
    public void addTopic(String slug, String title, String query, List<String> categorySlugs) {
        edit(() -> {
            if (categories.findBySlug(slug).isPresent()) {
                throw new CatalogConflictException("'" + slug + "' is a category's slug (/feeds/" + slug
                        + ".rss): give the topic another slug");
            }
            try {
                topicWrites.insertApiTopic(slug, title, query, categorySlugs, UtcTimes.toColumn(clock.instant()));
            } catch (RuntimeException e) {
                throw DuplicateKey.in(e) ? new CatalogConflictException("topic '" + slug + "' already exists") : e;
            }
            return null;
        });
    }

    /** Sets a topic's title, query and categories; its outputs follow at once. */
    public void updateTopic(String slug, String title, String query, List<String> categorySlugs) {
        edit(() -> {
            topicWrites.updateTopic(slug, title, query, categorySlugs);
            return null;
        });
    }

    public void deleteTopic(String slug) {
        edit(() -> {
            topicWrites.deleteTopic(slug);
            return null;
        });
    }

    /**
     * Runs one edit in its own transaction after the revision bump; every rendered page is stale after it. On Galera
     * the bump orders edits only within one node, so an edit may lose certification to another node's write: it was
     * undone whole and runs again (change reads what it needs inside, after the bump).
     */
    private <T> T edit(Supplier<T> change) {
        T result = conflicts.retry("admin", () -> tx.executeWrite(status -> {
            revisions.bump(null);
            return change.get();
        }));
        events.publishEvent(new ContentChangedEvent(null));
        return result;
    }

    private void link(long feedId, List<String> slugs) {
        // One statement per slug: the driver's bulk batch protocol cannot carry INSERT … SELECT.
        for (String slug : slugs) {
            feeds.linkCategory(feedId, slug);
        }
    }

    /** Topics and categories share /feeds/{slug}: a category may not take a topic's slug. */
    private void refuseTopicSlug(String slug) {
        if (topics.findBySlug(slug).isPresent()) {
            throw new CatalogConflictException("'" + slug + "' is a topic's slug (/feeds/" + slug
                    + ".rss): give the category another slug");
        }
    }

    private static RuntimeException conflictIfTaken(RuntimeException e, String slug) {
        return DuplicateKey.in(e) ? new CatalogConflictException("category '" + slug + "' already exists") : e;
    }
}
