package tributary.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tributary.cluster.ClusterConfig;

/**
 * The band index of story clustering (table story_band, V14 and V16): an item's MinHash band keys with its date, so a
 * new item's candidates are found by equal keys. Rows are kept as long as a window needs them, not as long as their
 * item (no foreign key, V16): the age pruning of ItemPruner removes them, those of deleted items included.
 */
final class StoryBands {

    /** Candidates read per band key, the newest first. */
    static final int PER_KEY = ClusterConfig.DEFAULTS.perKey();
    /** Band keys looked up per statement (one indexed range of at most PER_KEY rows each). */
    static final int KEYS_PER_QUERY = 64;

    /** An item's keys to write: its id, date and band keys. */
    record Entry(long itemId, Instant published, long[] keys) {
    }

    private StoryBands() {
    }

    /**
     * Writes the entries' rows as one batch of a single-row INSERT IGNORE, which the driver sends with MariaDB's bulk
     * protocol (one round trip, the values in binary, the statement parsed once): as one multi-row statement in text,
     * parsing the 32 rows of each item cost the database more than inserting them. IGNORE: a row a concurrent poll of
     * the same feed wrote first is the same row.
     */
    static void insert(Connection c, List<Entry> entries) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT IGNORE INTO story_band (band_key, published_at, item_id) VALUES (?, ?, ?)")) {
            for (Entry e : entries) {
                Object published = UtcTimes.toColumn(e.published());
                for (long key : e.keys()) {
                    ps.setLong(1, key);
                    ps.setObject(2, published);
                    ps.setLong(3, e.itemId());
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }

    /**
     * The newest PER_KEY items of each key within [from, to]: a band shared by thousands of items (common words hash
     * alike) says little about any of them, and reading all of them made the candidates grow with the store. One
     * bounded index range per key (a UNION ALL), where ranking every row of the keys (ROW_NUMBER) read them all: at
     * 20,000 generated items sharing most bands that query took seconds per batch.
     */
    static Map<Long, Set<Long>> candidates(Connection c, Set<Long> keys, Instant from, Instant to)
            throws SQLException {
        Map<Long, Set<Long>> out = new HashMap<>();
        List<Long> list = new ArrayList<>(keys);
        Object low = UtcTimes.toColumn(from);
        Object high = UtcTimes.toColumn(to);
        for (int start = 0; start < list.size(); start += KEYS_PER_QUERY) {
            List<Long> chunk = list.subList(start, Math.min(list.size(), start + KEYS_PER_QUERY));
            String one = "(SELECT band_key, item_id FROM story_band WHERE band_key = ? AND published_at BETWEEN ? AND ?"
                    + " ORDER BY published_at DESC, item_id DESC LIMIT " + PER_KEY + ")";
            String sql = String.join(" UNION ALL ", Collections.nCopies(chunk.size(), one));
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                for (long key : chunk) {
                    ps.setLong(i++, key);
                    ps.setObject(i++, low);
                    ps.setObject(i++, high);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).add(rs.getLong(2));
                    }
                }
            }
        }
        return out;
    }

    /**
     * Slices of the key space pruned one transaction each: a prune reads the whole table (published_at leads no
     * index, and an index of its own would cost every insert what V16 saved), a slice at a time, so no statement
     * holds many rows.
     */
    static final int PRUNE_SLICES = 256;

    /**
     * Deletes the rows of one slice of the band keys (0 to PRUNE_SLICES - 1) published before cutoff; answers how many
     * went. Run it READ COMMITTED: rows of a batch being stored are neither waited for nor locked against.
     */
    static int pruneSlice(Connection c, int slice, Instant cutoff) throws SQLException {
        long low = Long.MIN_VALUE + ((long) slice << 56);
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM story_band WHERE band_key BETWEEN ? AND ? AND published_at < ?")) {
            ps.setLong(1, low);
            ps.setLong(2, low + ((1L << 56) - 1));
            ps.setObject(3, UtcTimes.toColumn(cutoff));
            return ps.executeUpdate();
        }
    }
}
