package tributary.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The file's side of the rule DELETE /admin/categories/{slug} keeps (409 while feeds use it): feeds.yml may not
 * remove a category that feeds added through the admin API are in, since they would silently lose it.
 */
final class CategoriesInUse {

    private static final int FEEDS_NAMED = 3;

    private final Connection connection;

    CategoriesInUse(Connection connection) {
        this.connection = connection;
    }

    /** One problem per file category the file drops while live API feeds use it, at the line of 'categories:'. */
    List<FeedsFileException.Problem> removedByFile(FeedsFile file) throws SQLException {
        Set<String> kept = file.categories().stream().map(CategorySpec::slug).collect(Collectors.toSet());
        Map<String, List<String>> feedsBySlug = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("""
                SELECT c.slug, f.id, f.url FROM category c
                JOIN feed_category fc ON fc.category_id = c.id JOIN feed f ON f.id = fc.feed_id
                WHERE c.origin = 'file' AND f.origin = 'api' AND f.deleted_at IS NULL
                ORDER BY c.position, c.slug, f.id""");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (!kept.contains(rs.getString(1))) {
                    feedsBySlug.computeIfAbsent(rs.getString(1), slug -> new ArrayList<>())
                            .add("#" + rs.getLong(2) + " " + rs.getString(3));
                }
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
