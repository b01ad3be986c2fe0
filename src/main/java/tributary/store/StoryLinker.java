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
 * Both rules are decided on the stories copies had before clustering joined publishers (own_story_hash): a new copy of
 * an article whose story clustering moved goes where its siblings are, and keeps its own story, so ?clusters=off and
 * an admin's split treat it as they treat them.
 */
final class StoryLinker {

    static final Duration WINDOW = Duration.ofHours(48);
    private static final int CHUNK = 500;

    /**
     * A stored copy, as far as linking needs it: story is where it stands now, own the story it had before clustering
     * moved it (its story when it never moved).
     */
    private record Row(long id, long feedId, String identity, String story, String own, String key,
                       Instant published) {
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
            stories.add(item.storyHash());
            if (item.siteTitleKey() != null) {
                keys.add(item.siteTitleKey());
                Instant when = when(item, now);
                earliest = earliest == null || when.isBefore(earliest) ? when : earliest;
                latest = latest == null || when.isAfter(latest) ? when : latest;
            }
        }
        if (stories.isEmpty()) {
            return 0;
        }
        List<Row> rows = rows(c, new ArrayList<>(stories), new ArrayList<>(keys),
                earliest == null ? null : earliest.minus(WINDOW), latest == null ? null : latest.plus(WINDOW));
        List<Row> moves = new ArrayList<>();
        for (NormalizedItem item : items) {
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
            String ownTarget = target(item, own, rows);
            String target = standing(ownTarget, rows);
            for (int i = 0; i < rows.size(); i++) {
                Row row = rows.get(i);
                // Own row, and newer copies of other feeds that committed before this one but linked without seeing it.
                boolean newerOther = item.siteTitleKey() != null && row.id() > own.id() && row.feedId() != feedId
                        && item.siteTitleKey().equals(row.key()) && within(row.published(), own.published());
                if ((row == own || newerOther) && (!target.equals(row.story()) || !ownTarget.equals(row.own()))) {
                    Row moved = new Row(row.id(), row.feedId(), row.identity(), target, ownTarget, row.key(),
                            row.published());
                    moves.add(moved);
                    // Later items of this batch see the move, as the database will.
                    rows.set(i, moved);
                }
            }
        }
        if (!moves.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE item SET story_hash = ?, own_story_hash = ? WHERE id = ?")) {
                for (Row move : moves) {
                    ps.setString(1, move.story());
                    // A copy standing in its own story has no own_story_hash (only clustering's moves set one).
                    ps.setString(2, move.own().equals(move.story()) ? null : move.own());
                    ps.setLong(3, move.id());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        return moves.size();
    }

    /**
     * Where copies of ownTarget stand now (the item's own row among them, an updated copy clustering moved): in the
     * story clustering moved them into, if it did (the oldest such copy tells), else in ownTarget itself.
     */
    private static String standing(String ownTarget, List<Row> rows) {
        for (Row row : rows) {
            if (row.own().equals(ownTarget)) {
                return row.story();
            }
        }
        return ownTarget;
    }

    /** The story the item belongs to before clustering; rows are in id order: the first older copy found decides. */
    private static String target(NormalizedItem item, Row own, List<Row> rows) {
        for (Row row : rows) {
            if (row.id() >= own.id()) {
                break;
            }
            if (row.own().equals(item.storyHash())) {
                // An older copy with the same canonical URL: the stronger evidence keeps the URL's story.
                return item.storyHash();
            }
        }
        if (item.siteTitleKey() == null) {
            return item.storyHash();
        }
        for (Row row : rows) {
            if (row.id() >= own.id()) {
                break;
            }
            if (item.siteTitleKey().equals(row.key()) && within(row.published(), own.published())) {
                return row.own();
            }
        }
        return item.storyHash();
    }

    private static List<Row> rows(Connection c, List<String> stories, List<String> keys, Instant from, Instant to)
            throws SQLException {
        // Halves joined by UNION, so each uses its own index (ix_item_story, ix_item_own_story, ix_item_site_title):
        // written with OR, MariaDB scans the whole table, which made every ingest slower as the table grew.
        String columns = "SELECT id, feed_id, identity_hash, story_hash, COALESCE(own_story_hash, story_hash),"
                + " site_title_key, published_at FROM item";
        String sql = columns + " WHERE story_hash IN (" + marks(stories.size()) + ")"
                + " UNION " + columns + " WHERE own_story_hash IN (" + marks(stories.size()) + ")"
                + (keys.isEmpty() ? "" : " UNION " + columns + " WHERE site_title_key IN (" + marks(keys.size()) + ")"
                + " AND published_at BETWEEN ? AND ?") + " ORDER BY id";
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (int round = 0; round < 2; round++) {
                for (String story : stories) {
                    ps.setString(i++, story);
                }
            }
            if (!keys.isEmpty()) {
                for (String key : keys) {
                    ps.setString(i++, key);
                }
                ps.setObject(i++, UtcTimes.toColumn(from));
                ps.setObject(i, UtcTimes.toColumn(to));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), UtcTimes.fromColumn(rs.getObject(7, LocalDateTime.class))));
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
