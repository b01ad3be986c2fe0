package tributary.catalog;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tributary.store.CategoryRepository;
import tributary.store.CategoryRow;
import tributary.store.Origin;
import tributary.store.TopicRepository;
import tributary.store.TopicRow;

/**
 * What the parser cannot know about feeds.yml's topics: the categories and topics added through the admin API. A
 * file topic may look in an API category, the file may not remove a category an API topic looks in, and no slug may
 * serve both a topic and a category (/feeds/{slug}).
 */
@Singleton
class TopicChecks {

    private final CategoryRepository categories;
    private final TopicRepository topics;

    TopicChecks(CategoryRepository categories, TopicRepository topics) {
        this.categories = categories;
        this.topics = topics;
    }

    /** One problem per clash or unknown category, at the line of the file entry concerned. */
    List<FeedsFileException.Problem> problems(FeedsFile file) {
        Set<String> apiCategories = new HashSet<>();
        for (CategoryRow c : categories.findAllInOrder()) {
            if (Origin.of(c.origin()) == Origin.API) {
                apiCategories.add(c.slug());
            }
        }
        List<TopicRow> apiTopics = topics.all().stream().filter(t -> Origin.of(t.origin()) == Origin.API).toList();
        Set<String> known = new HashSet<>(apiCategories);
        file.categories().forEach(c -> known.add(c.slug()));
        List<FeedsFileException.Problem> problems = new ArrayList<>();
        for (TopicRow topic : apiTopics) {
            for (String slug : topic.categories()) {
                if (!known.contains(slug)) {
                    problems.add(new FeedsFileException.Problem(file.categoriesLine(), "category '" + slug
                            + "' is gone from the list, but topic '" + topic.slug() + "' added through the admin API"
                            + " looks in it: keep it under 'categories:', or first change that topic"
                            + " (PUT /admin/topics/" + topic.slug() + ")"));
                }
            }
        }
        for (TopicSpec topic : file.topics()) {
            if (apiCategories.contains(topic.slug())) {
                problems.add(new FeedsFileException.Problem(topic.line(), "topic slug '" + topic.slug()
                        + "' is already a category added through the admin API: give the topic another 'slug:'"));
            }
            for (String slug : topic.categories()) {
                if (!known.contains(slug)) {
                    problems.add(new FeedsFileException.Problem(topic.line(), "topic '" + topic.slug()
                            + "' looks in unknown category '" + slug + "': declare it under 'categories:' (known: "
                            + String.join(", ", known.stream().sorted().toList()) + ")"));
                }
            }
        }
        Set<String> apiTopicSlugs = new HashSet<>();
        apiTopics.forEach(t -> apiTopicSlugs.add(t.slug()));
        for (CategorySpec category : file.categories()) {
            if (apiTopicSlugs.contains(category.slug())) {
                problems.add(new FeedsFileException.Problem(category.line(), "category slug '" + category.slug()
                        + "' is already a topic added through the admin API: give the category another 'slug:',"
                        + " or delete that topic (DELETE /admin/topics/" + category.slug() + ")"));
            }
        }
        return problems;
    }
}
