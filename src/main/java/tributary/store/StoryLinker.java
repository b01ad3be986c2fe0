package tributary.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tributary.normalize.NormalizedItem;

/**
 * The cross-feed rule where links differ: a just-written item joins the story of the same title from the same site
 * published within 48 hours, unless an older copy shares its canonical URL. Runs after the items are committed, so
 * two feeds of one site polled at the same moment still meet: whichever links last sees the other and moves both
 * copies into the story of the older row (lower id). One indexed query per batch, plus an update per row that moves.
 */
final class StoryLinker {

    static final Duration WINDOW = Duration.ofHours(48);
    private static final int CHUNK = 500;

    /** A stored copy, as far as linking needs it. */
    private record Row(long id, long feedId, String identity, String story, String key, Instant published) {
    }

    private StoryLinker() {
    }

    /** Moves items of feedId into the story they belong to; answers how many moved. */
    static int link(Connection c, long feedId, List<NormalizedItem> items, Instant now) throws SQLException {
        int moved = 0;
        for (int from = 0; from < items.size(); from += CHUNK) {
            moved += linkChunk(c, feedId, items.subList(from, Math.min(items.size(), from + CHUNK)), now);
        }
        return moved;
    }

    private static int linkChunk(Connection c, long feedId, List<NormalizedItem> items, Instant now) throws SQLException {
        Set<String> keys = new LinkedHashSet<>();
        Set<String> stories = new LinkedHashSet<>();
        Instant earliest = null;
        Instant latest = null;
        for (NormalizedItem item : items) {
            if (item.siteTitleKey() != null) {
                keys.add(item.siteTitleKey());
                stories.add(item.storyHash());
                Instant when = when(item, now);
                earliest = earliest == null || when.isBefore(earliest) ? when : earliest;
                latest = latest == null || when.isAfter(latest) ? when : latest;
            }
        }
        if (keys.isEmpty()) {
            return 0;
        }
        List<Row> rows = rows(c, new ArrayList<>(stories), new ArrayList<>(keys), earliest.minus(WINDOW), latest.plus(WINDOW));
        List<long[]> moves = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        for (NormalizedItem item : items) {
            if (item.siteTitleKey() == null) {
                continue;
            }
            Row own = null;
            for (Row row : rows) {
                if (row.feedId() == feedId && row.identity().equals(item.identityHash())) {
                    own = row;
                    break;
                }
            }
            if (own == null) {
                continue;
            }
            String target = target(item, own, rows);
            for (int i = 0; i < rows.size(); i++) {
                Row row = rows.get(i);
                // Own row, and newer copies of other feeds that committed before this one but linked without seeing it.
                boolean newerOther = row.id() > own.id() && row.feedId() != feedId && item.siteTitleKey().equals(row.key())
                        && within(row.published(), own.published());
                if ((row == own || newerOther) && !target.equals(row.story())) {
                    moves.add(new long[] {row.id()});
                    targets.add(target);
                    // Later items of this batch see the move, as the database will.
                    rows.set(i, new Row(row.id(), row.feedId(), row.identity(), target, row.key(), row.published()));
                }
            }
        }
        if (!moves.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE item SET story_hash = ? WHERE id = ?")) {
                for (int i = 0; i < moves.size(); i++) {
                    ps.setString(1, targets.get(i));
                    ps.setLong(2, moves.get(i)[0]);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        return moves.size();
    }

    /** Rows are in id order: the first older copy found decides. */
    private static String target(NormalizedItem item, Row own, List<Row> rows) {
        for (Row row : rows) {
            if (row.id() >= own.id()) {
                break;
            }
            if (row.story().equals(item.storyHash())) {
                // An older copy with the same canonical URL: the stronger evidence keeps the URL's story.
                return item.storyHash();
            }
        }
        for (Row row : rows) {
            if (row.id() >= own.id()) {
                break;
            }
            if (item.siteTitleKey().equals(row.key()) && within(row.published(), own.published())) {
                return row.story();
            }
        }
        return item.storyHash();
    }

    private static List<Row> rows(Connection c, List<String> stories, List<String> keys, Instant from, Instant to)
            throws SQLException {
        // Two halves joined by UNION, so each uses its own index (ix_item_story, ix_item_site_title): written with OR,
        // MariaDB scans the whole table, which made every ingest slower as the table grew.
        String columns = "SELECT id, feed_id, identity_hash, story_hash, site_title_key, published_at FROM item";
        String sql = columns + " WHERE story_hash IN (" + marks(stories.size()) + ")"
                + " UNION " + columns + " WHERE site_title_key IN (" + marks(keys.size()) + ")"
                + " AND published_at BETWEEN ? AND ? ORDER BY id";
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (String story : stories) {
                ps.setString(i++, story);
            }
            for (String key : keys) {
                ps.setString(i++, key);
            }
            ps.setObject(i++, UtcTimes.toColumn(from));
            ps.setObject(i, UtcTimes.toColumn(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            UtcTimes.fromColumn(rs.getObject(6, LocalDateTime.class))));
                }
            }
        }
        return rows;
    }

    private static boolean within(Instant a, Instant b) {
        return a != null && b != null && Duration.between(a, b).abs().compareTo(WINDOW) <= 0;
    }

    private static Instant when(NormalizedItem item, Instant now) {
        return item.published() != null ? item.published() : now;
    }

    private static String marks(int n) {
        return "?,".repeat(n - 1) + "?";
    }
}
