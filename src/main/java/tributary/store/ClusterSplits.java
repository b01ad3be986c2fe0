package tributary.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.Collection;

/**
 * The stories an admin split apart (table cluster_split, V15), as pairs of the stories copies had before clustering
 * moved them: ClusterLinker asks before joining two stories, so a split stays split however often the items come in.
 */
final class ClusterSplits {

    /** Every story a row of this story had before it moved (own_story_hash), and the story itself. */
    private static final String ORIGINS = "SELECT COALESCE(own_story_hash, story_hash) AS h FROM item WHERE story_hash = ?"
            + " UNION SELECT ? AS h";

    private ClusterSplits() {
    }

    /**
     * Whether an admin split any stories at all: most stores hold none, and then no join needs the query of apart,
     * which reads every copy of both stories. One read of one index entry.
     */
    static boolean any(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM cluster_split LIMIT 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    /** Whether joining these two stories would put back together a pair an admin split. One indexed query. */
    static boolean apart(Connection c, String story, String other) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM (" + ORIGINS + ") a JOIN (" + ORIGINS + ") b"
                + " JOIN cluster_split s ON s.story_a = LEAST(a.h, b.h) AND s.story_b = GREATEST(a.h, b.h) LIMIT 1")) {
            ps.setString(1, story);
            ps.setString(2, story);
            ps.setString(3, other);
            ps.setString(4, other);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Remembers that each of split is apart from each of the others (itself excepted). */
    static void remember(Connection c, Collection<String> split, Collection<String> others, LocalDateTime now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT IGNORE INTO cluster_split (story_a, story_b, created_at) VALUES (?, ?, ?)")) {
            int rows = 0;
            for (String a : split) {
                for (String b : others) {
                    if (a.equals(b)) {
                        continue;
                    }
                    boolean ordered = a.compareTo(b) < 0;
                    ps.setString(1, ordered ? a : b);
                    ps.setString(2, ordered ? b : a);
                    ps.setObject(3, now);
                    ps.addBatch();
                    rows++;
                }
            }
            if (rows > 0) {
                ps.executeBatch();
            }
        }
    }
}
