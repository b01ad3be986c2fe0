package tributary.catalog;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tributary.store.CategoryRepository;

/**
 * The file's side of the rule DELETE /admin/categories/{slug} keeps (409 while feeds use it): feeds.yml may not
 * remove a category that feeds added through the admin API are in, since they would silently lose it.
 */
@Singleton
class CategoriesInUse {

    private static final int FEEDS_NAMED = 3;

    private final CategoryRepository categories;

    CategoriesInUse(CategoryRepository categories) {
        this.categories = categories;
    }

    /** One problem per file category the file drops while live API feeds use it, at the line of 'categories:'. */
    List<FeedsFileException.Problem> removedByFile(FeedsFile file) {
        Set<String> kept = file.categories().stream().map(CategorySpec::slug).collect(Collectors.toSet());
        Map<String, List<String>> feedsBySlug = new LinkedHashMap<>();
        for (CategoryRepository.ApiFeedInFileCategory use : categories.findApiFeedsInFileCategories()) {
            if (!kept.contains(use.slug())) {
                feedsBySlug.computeIfAbsent(use.slug(), slug -> new ArrayList<>()).add("#" + use.feedId() + " " + use.url());
            }
        }
        List<FeedsFileException.Problem> problems = new ArrayList<>();
        feedsBySlug.forEach((slug, feeds) -> problems.add(new FeedsFileException.Problem(file.categoriesLine(),
                "category '" + slug + "' is gone from the list, but " + feeds.size()
                        + (feeds.size() == 1 ? " feed" : " feeds") + " added through the admin API "
                        + (feeds.size() == 1 ? "uses" : "use") + " it (" + named(feeds) + "): keep it under"
                        + " 'categories:', or first move " + (feeds.size() == 1 ? "that feed" : "those feeds")
                        + " to other categories (PUT /admin/feeds/{id}), then remove it")));
        return problems;
    }

    private static String named(List<String> feeds) {
        String shown = String.join(", ", feeds.subList(0, Math.min(FEEDS_NAMED, feeds.size())));
        return feeds.size() > FEEDS_NAMED ? shown + ", … " + (feeds.size() - FEEDS_NAMED) + " more" : shown;
    }
}
