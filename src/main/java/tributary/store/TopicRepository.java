package tributary.store;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the topics, in the order feeds.yml lists them (API topics after). Writes are in CatalogWrites. */
@Singleton
public class TopicRepository {

    private static final String SELECT = "SELECT id, slug, title, query, categories, origin, source_line, position "
            + "FROM topic ";

    private final TransactionOperations<Connection> tx;

    public TopicRepository(TransactionOperations<Connection> tx) {
        this.tx = tx;
    }

    public List<TopicRow> all() {
        return tx.executeRead(status -> {
            List<TopicRow> topics = new ArrayList<>();
            try (PreparedStatement ps = status.getConnection().prepareStatement(SELECT + "ORDER BY position, id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    topics.add(read(rs));
                }
            }
            return topics;
        });
    }

    public Optional<TopicRow> findBySlug(String slug) {
        return tx.executeRead(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(SELECT + "WHERE slug = ?")) {
                ps.setString(1, slug);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    private static TopicRow read(ResultSet rs) throws SQLException {
        int line = rs.getInt("source_line");
        Integer sourceLine = rs.wasNull() ? null : line;
        return new TopicRow(rs.getLong("id"), rs.getString("slug"), rs.getString("title"), rs.getString("query"),
                FeedSettingsColumns.fromLines(rs.getString("categories")), rs.getString("origin"), sourceLine,
                rs.getInt("position"));
    }
}
