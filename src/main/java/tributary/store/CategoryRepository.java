package tributary.store;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/** Categories, in the order feeds.yml lists them. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface CategoryRepository extends CrudRepository<CategoryRow, Long> {

    /** A live feed added through the admin API in a category feeds.yml manages. */
    @Introspected
    record ApiFeedInFileCategory(String slug, long feedId, String url) {
    }

    Optional<CategoryRow> findBySlug(String slug);

    @Query("SELECT * FROM category ORDER BY position, id")
    List<CategoryRow> findAllInOrder();

    /** Adds a category through the admin API, after every other; fails with a DuplicateKey when the slug is taken. */
    default void insertApiCategory(String slug, String title, @Nullable String description, List<String> block,
                                   boolean clustering, LocalDateTime createdAt) {
        insertLast(slug, title, description, Origin.API.column(), createdAt, FeedSettingsColumns.lines(block),
                clustering);
    }

    @Query("""
            INSERT INTO category (slug, title, description, origin, position, created_at, block_rules, clustering)
            SELECT :slug, :title, :description, :origin, COALESCE(MAX(position), -1) + 1, :createdAt, :blockRules,
              :clustering
            FROM category""")
    void insertLast(String slug, String title, @Nullable String description, String origin, LocalDateTime createdAt,
                    @Nullable String blockRules, boolean clustering);

    /** Whether the category's outputs show story clusters as one entry (true) or every copy as its own. */
    @Query("UPDATE category SET clustering = :clustering WHERE slug = :slug")
    void updateClustering(String slug, boolean clustering);

    /** Sets the category's block rules (as written, one per line; none when empty). */
    default void updateBlock(String slug, List<String> block) {
        updateBlockRules(slug, FeedSettingsColumns.lines(block));
    }

    @Query("UPDATE category SET block_rules = :blockRules WHERE slug = :slug")
    void updateBlockRules(String slug, @Nullable String blockRules);

    @Query("UPDATE category SET title = :title WHERE slug = :slug")
    void updateTitle(String slug, String title);

    @Query("UPDATE category SET description = :description WHERE slug = :slug")
    void updateDescription(String slug, @Nullable String description);

    /** Fails with a DuplicateKey when newSlug is taken. */
    @Query("UPDATE category SET slug = :newSlug WHERE slug = :slug")
    void updateSlug(String slug, String newSlug);

    void deleteBySlug(String slug);

    /** What keeps feeds.yml from dropping a category: live API feeds in file categories, in category order. */
    default List<ApiFeedInFileCategory> findApiFeedsInFileCategories() {
        return findFeedsInCategories(Origin.FILE.column(), Origin.API.column());
    }

    @Query("""
            SELECT c.slug AS slug, f.id AS feed_id, f.url AS url FROM category c
            JOIN feed_category fc ON fc.category_id = c.id JOIN feed f ON f.id = fc.feed_id
            WHERE c.origin = :categoryOrigin AND f.origin = :feedOrigin AND f.deleted_at IS NULL
            ORDER BY c.position, c.slug, f.id""")
    List<ApiFeedInFileCategory> findFeedsInCategories(String categoryOrigin, String feedOrigin);
}
