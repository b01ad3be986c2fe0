package tributary.store;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;

/**
 * The writes of the topic table: feeds.yml's topics (upserted like its categories, so a topic the admin API owns keeps
 * its values) and the admin API's. Each joins the caller's transaction, which bumps the catalog revision first
 * (CatalogRevisions), so every rendered page drops with it. Reads are in TopicRepository.
 */
@Singleton
public class TopicWrites {

    /** A topic as feeds.yml declares it (categories: slugs, empty for every one); line is where it starts. */
    public record FileTopic(String slug, String title, String query, List<String> categories, int line) {
    }

    private static final String FILE = "'" + Origin.FILE.column() + "'";

    private final TransactionOperations<Connection> tx;

    public TopicWrites(TransactionOperations<Connection> tx) {
        this.tx = tx;
    }

    /**
     * Makes the file's topics equal to the list, in its order, and deletes the file topics it no longer names;
     * answers how many were deleted. A topic created through the API with the same slug keeps its values.
     */
    public int upsertFileTopics(List<FileTopic> topics, LocalDateTime now) {
        return tx.executeWrite(status -> {
            Connection c = status.getConnection();
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO topic (slug, title, query, categories, origin, source_line, position, created_at)
                    VALUES (?, ?, ?, ?, %1$s, ?, ?, ?)
                    ON DUPLICATE KEY UPDATE title = IF(origin = %1$s, VALUES(title), title),
                      query = IF(origin = %1$s, VALUES(query), query),
                      categories = IF(origin = %1$s, VALUES(categories), categories),
                      source_line = IF(origin = %1$s, VALUES(source_line), source_line),
                      position = IF(origin = %1$s, VALUES(position), position)""".formatted(FILE))) {
                int position = 0;
                for (FileTopic topic : topics) {
                    ps.setString(1, topic.slug());
                    ps.setString(2, topic.title());
                    ps.setString(3, topic.query());
                    ps.setString(4, FeedSettingsColumns.lines(topic.categories()));
                    ps.setInt(5, topic.line());
                    ps.setInt(6, position++);
                    ps.setObject(7, now);
                    ps.addBatch();
                }
                if (!topics.isEmpty()) {
                    ps.executeBatch();
                }
            }
            List<String> slugs = topics.stream().map(FileTopic::slug).toList();
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM topic WHERE origin = " + FILE
                    + CatalogWrites.notIn("slug", slugs.size()))) {
                CatalogWrites.bind(ps, 1, slugs);
                return ps.executeUpdate();
            }
        });
    }

    /** Adds a topic through the admin API, after every other; fails with a DuplicateKey when the slug is taken. */
    public void insertApiTopic(String slug, String title, String query, List<String> categories, LocalDateTime now) {
        tx.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement("""
                    INSERT INTO topic (slug, title, query, categories, origin, position, created_at)
                    SELECT ?, ?, ?, ?, ?, COALESCE(MAX(position), -1) + 1, ? FROM topic""")) {
                ps.setString(1, slug);
                ps.setString(2, title);
                ps.setString(3, query);
                ps.setString(4, FeedSettingsColumns.lines(categories));
                ps.setString(5, Origin.API.column());
                ps.setObject(6, now);
                ps.executeUpdate();
            } catch (SQLException e) {
                // Unchecked, so the caller can tell a taken slug (DuplicateKey) from other failures.
                throw new DataAccessException("store: unable to add topic '" + slug + "': " + e.getMessage(), e);
            }
            return null;
        });
    }

    /** Sets a topic's title, query and categories (its slug, what readers subscribe by, stays). */
    public void updateTopic(String slug, String title, String query, List<String> categories) {
        tx.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "UPDATE topic SET title = ?, query = ?, categories = ? WHERE slug = ?")) {
                ps.setString(1, title);
                ps.setString(2, query);
                ps.setString(3, FeedSettingsColumns.lines(categories));
                ps.setString(4, slug);
                ps.executeUpdate();
            }
            return null;
        });
    }

    public void deleteTopic(String slug) {
        tx.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement("DELETE FROM topic WHERE slug = ?")) {
                ps.setString(1, slug);
                ps.executeUpdate();
            }
            return null;
        });
    }
}
