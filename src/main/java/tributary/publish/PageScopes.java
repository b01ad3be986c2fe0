package tributary.publish;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tributary.match.IndexFilter;
import tributary.match.MatchText;
import tributary.match.Query;
import tributary.match.RuleCache;
import tributary.match.RuleList;
import tributary.store.CategoryRepository;
import tributary.store.CategoryRow;
import tributary.store.ItemReader;
import tributary.store.StoryFilter;
import tributary.store.TopicRepository;
import tributary.store.TopicRow;

/**
 * What a page's slug and search mean: a category (its stories, less those its block rules leave out), a topic (its
 * query over its categories) or everything, narrowed by ?q= and ?since=. In a view of several categories a copy is
 * shown when at least one of its feed's categories there does not block it (a feed in none blocks nothing). Story
 * clusters are shown as one entry unless the page asks ?clusters=off or every category in view has clustering off.
 */
@Singleton
class PageScopes {

    /** What to render: the feed's title and description, the stories' filter, whose language the feed declares. */
    record Scope(String title, String description, StoryFilter filter, Long languageCategory) {
    }

    private final CategoryRepository categories;
    private final TopicRepository topics;
    private final ItemReader items;
    private final RuleCache rules;
    private final PublishConfig config;

    PageScopes(CategoryRepository categories, TopicRepository topics, ItemReader items, RuleCache rules,
               PublishConfig config) {
        this.categories = categories;
        this.topics = topics;
        this.items = items;
        this.rules = rules;
        this.config = config;
    }

    /** The scope of key, or empty when its slug names neither a category nor a topic. */
    Optional<Scope> of(PageKey key) {
        List<CategoryRow> all = categories.findAllInOrder();
        Query asked = key.q() == null ? null : rules.get(key.q()).orElse(null);
        String slug = key.slug();
        if (CategoryRow.ALL.equals(slug)) {
            return Optional.of(new Scope("Tributary: everything", "Every item of every feed, merged",
                    filter(null, all, null, asked, key), null));
        }
        for (CategoryRow category : all) {
            if (category.slug().equals(slug)) {
                return Optional.of(new Scope(category.title(), category.description(),
                        filter(List.of(category.id()), all, null, asked, key), category.id()));
            }
        }
        Optional<TopicRow> topic = topics.findBySlug(slug);
        if (topic.isEmpty()) {
            return Optional.empty();
        }
        List<Long> ids = idsOf(all, topic.get().categories());
        Query query = rules.get(topic.get().query()).orElse(null);
        return Optional.of(new Scope(topic.get().title(), "Tributary topic: " + topic.get().query(),
                filter(ids, all, query, asked, key), ids != null && ids.size() == 1 ? ids.get(0) : null));
    }

    /**
     * What a topic with this query over those categories (slugs; empty for every category) would show, as its feed
     * will: for the admin page's preview. An unknown slug looks nowhere.
     */
    StoryFilter preview(Query query, List<String> slugs) {
        List<CategoryRow> all = categories.findAllInOrder();
        return filter(idsOf(all, slugs), all, query, null, new PageKey("preview", FeedFormat.JSON, 1, null, ""));
    }

    /** The ids of the categories named by slug (an unknown slug names none); null for no slugs: every category. */
    private static List<Long> idsOf(List<CategoryRow> all, List<String> slugs) {
        if (slugs.isEmpty()) {
            return null;
        }
        List<Long> ids = new ArrayList<>();
        for (CategoryRow category : all) {
            if (slugs.contains(category.slug())) {
                ids.add(category.id());
            }
        }
        return ids;
    }

    private StoryFilter filter(List<Long> ids, List<CategoryRow> all, Query topic, Query asked, PageKey key) {
        Map<Long, RuleList> blocks = new HashMap<>();
        for (CategoryRow category : all) {
            if ((ids == null || ids.contains(category.id())) && !category.block().isEmpty()) {
                blocks.put(category.id(), rules.list(category.block()));
            }
        }
        StoryFilter.CopyTest visible = blocks.isEmpty() ? null : visibility(ids, blocks);
        List<Query> queries = new ArrayList<>(2);
        if (topic != null) {
            queries.add(topic);
        }
        if (asked != null) {
            queries.add(asked);
        }
        StoryFilter.CopyTest test = test(queries, visible);
        return new StoryFilter(ids, key.sinceAt(), test, indexFilter(queries), config.queryScanRows(),
                config.queryMaxRows(), config.queryTimeBudget(), key.clustersOff() || clusteringOff(ids, all));
    }

    /**
     * Whether every category in view has clustering off: then each copy is its own entry. A view that also takes in a
     * category with clustering on (all, a topic over several) keeps clusters, so a story reported in a clustering
     * category is one entry wherever that category is shown; ?clusters=off lists every copy anywhere.
     */
    private static boolean clusteringOff(List<Long> ids, List<CategoryRow> all) {
        if (ids == null || ids.isEmpty()) {
            return false;
        }
        for (CategoryRow category : all) {
            if (ids.contains(category.id()) && category.clustering()) {
                return false;
            }
        }
        return true;
    }

    /** A copy is visible unless every one of its feed's categories in view blocks it. */
    private StoryFilter.CopyTest visibility(List<Long> ids, Map<Long, RuleList> blocks) {
        if (ids != null && ids.size() == 1) {
            RuleList only = blocks.get(ids.get(0));
            return (feedId, text) -> only.firstMatch(text).isEmpty();
        }
        Map<Long, List<Long>> byFeed = items.categoriesByFeed();
        return (feedId, text) -> {
            List<Long> in = byFeed.getOrDefault(feedId, List.of());
            boolean anyInView = false;
            for (Long category : in) {
                if (ids != null && !ids.contains(category)) {
                    continue;
                }
                anyInView = true;
                RuleList block = blocks.get(category);
                if (block == null || block.firstMatch(text).isEmpty()) {
                    return true;
                }
            }
            return !anyInView;
        };
    }

    private static StoryFilter.CopyTest test(List<Query> queries, StoryFilter.CopyTest visible) {
        if (queries.isEmpty()) {
            return visible;
        }
        return (feedId, text) -> matchesAll(queries, text) && (visible == null || visible.accepts(feedId, text));
    }

    private static boolean matchesAll(List<Query> queries, MatchText text) {
        for (Query query : queries) {
            if (!query.matches(text)) {
                return false;
            }
        }
        return true;
    }

    /** Both queries must match, so both index filters must hold. */
    private static IndexFilter indexFilter(List<Query> queries) {
        List<IndexFilter> filters = new ArrayList<>(queries.size());
        for (Query query : queries) {
            filters.add(query.indexFilter());
        }
        return IndexFilter.all(filters);
    }
}
