package tributary.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tributary.cluster.BandKeys;
import tributary.common.PublisherDomain;
import tributary.cluster.ClusterConfig;
import tributary.cluster.ClusterItem;
import tributary.cluster.StoryClusterer;
import tributary.cluster.Verdict;
import tributary.match.PlainText;
import tributary.normalize.NormalizedItem;

/**
 * Clusters new items across publishers at ingest. Their band keys are written with the items (index), so that after
 * the commit (link, after StoryLinker) two feeds polled at the same moment see each other's keys: the items sharing
 * a key within the window come back by index, and when a new item's best candidate of another site passes the
 * same-event rule, the story of the younger row (higher id) moves into the story of the older, whose id stays, and
 * whichever of two concurrent linkers runs last comes to the same answer. Three indexed queries per batch.
 */
final class ClusterLinker {

    static final Duration WINDOW = ClusterConfig.DEFAULTS.window();
    /** Candidates read per band key, the newest first. */
    static final int PER_KEY = 20;

    /** A stored item as clustering reads it. */
    private record Row(long id, String story, String site, ClusterItem item) {
    }

    private ClusterLinker() {
    }

    /** Writes the band keys of the new items of feedId, in the transaction that inserts them. */
    static void index(Connection c, long feedId, List<NormalizedItem> items) throws SQLException {
        Map<String, Row> own = ownRows(c, feedId, items);
        Map<Long, long[]> keys = new HashMap<>();
        for (Row row : own.values()) {
            keys.put(row.id(), BandKeys.of(row.item()));
        }
        insertKeys(c, own.values(), keys);
    }

    /**
     * Clusters the new items of feedId (indexed before); answers how many copies moved into another story. Each new
     * item is judged against at most maxCandidates others, those sharing the most band keys with it (the likeliest
     * to be the same event): news shares much vocabulary, and without a bound the candidates of one item grew with
     * the store (bench/polling.sh spent minutes in the rule at 20,000 items).
     */
    static int link(Connection c, long feedId, List<NormalizedItem> items, int maxCandidates) throws SQLException {
        Map<String, Row> own = ownRows(c, feedId, items);
        if (own.isEmpty()) {
            return 0;
        }
        Map<Long, long[]> keys = new LinkedHashMap<>();
        Set<Long> allKeys = new HashSet<>();
        Instant earliest = null;
        Instant latest = null;
        for (Row row : own.values()) {
            long[] k = BandKeys.of(row.item());
            keys.put(row.id(), k);
            for (long key : k) {
                allKeys.add(key);
            }
            Instant when = row.item().published();
            earliest = earliest == null || when.isBefore(earliest) ? when : earliest;
            latest = latest == null || when.isAfter(latest) ? when : latest;
        }
        Map<Long, Set<Long>> byKey = candidates(c, allKeys, earliest.minus(WINDOW), latest.plus(WINDOW));
        Set<Long> ownIds = new HashSet<>();
        own.values().forEach(r -> ownIds.add(r.id()));
        Map<Long, List<Long>> chosen = new HashMap<>();
        Set<Long> ids = new HashSet<>();
        for (Row row : own.values()) {
            List<Long> top = mostShared(keys.get(row.id()), byKey, ownIds, maxCandidates);
            chosen.put(row.id(), top);
            ids.addAll(top);
        }
        Map<Long, Row> others = ids.isEmpty() ? Map.of() : rowsById(c, ids);
        StoryClusterer.Judge judge = new StoryClusterer.Judge();
        int moved = 0;
        for (Row row : own.values()) {
            Row best = null;
            double likeness = -1;
            for (long id : chosen.get(row.id())) {
                Row other = others.get(id);
                if (other == null || other.site().equals(row.site())
                        || Duration.between(other.item().published(), row.item().published()).abs()
                                .compareTo(WINDOW) > 0) {
                    continue;
                }
                Verdict v = judge.judge(row.item(), other.item());
                if (v.same() && v.likeness() > likeness) {
                    best = other;
                    likeness = v.likeness();
                }
            }
            if (best != null) {
                moved += join(c, row, best);
            }
        }
        return moved;
    }

    /** The candidates (not of this batch) sharing the most of keys, at most limit, the newest first among equals. */
    static List<Long> mostShared(long[] keys, Map<Long, Set<Long>> byKey, Set<Long> exclude, int limit) {
        Map<Long, Integer> shared = new HashMap<>();
        for (long key : keys) {
            for (long id : byKey.getOrDefault(key, Set.of())) {
                if (!exclude.contains(id)) {
                    shared.merge(id, 1, Integer::sum);
                }
            }
        }
        return shared.entrySet().stream()
                .sorted((a, b) -> a.getValue().equals(b.getValue()) ? Long.compare(b.getKey(), a.getKey())
                        : Integer.compare(b.getValue(), a.getValue()))
                .limit(Math.max(0, limit))
                .map(Map.Entry::getKey)
                .toList();
    }

    /**
     * The older row's story takes the younger's copies, unless it already holds a copy of the younger's site, or an
     * admin split the two apart (ClusterSplits).
     */
    private static int join(Connection c, Row row, Row best) throws SQLException {
        Row older = row.id() < best.id() ? row : best;
        Row younger = older == row ? best : row;
        String into = story(c, older.id());
        String from = story(c, younger.id());
        if (into == null || from == null || into.equals(from) || storyHasSite(c, into, younger.site())
                || ClusterSplits.apart(c, into, from)) {
            return 0;
        }
        return move(c, from, into);
    }

    /** A row's story as stored now: an earlier join of this batch may have moved it. */
    private static String story(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT story_hash FROM item WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** The stored rows of this batch's items that have a title and a site. */
    private static Map<String, Row> ownRows(Connection c, long feedId, List<NormalizedItem> items)
            throws SQLException {
        List<String> identities = new ArrayList<>();
        for (NormalizedItem item : items) {
            if (item.title() != null && !item.title().isBlank() && PublisherDomain.of(item.url()) != null) {
                identities.add(item.identityHash());
            }
        }
        Map<String, Row> out = new LinkedHashMap<>();
        if (identities.isEmpty()) {
            return out;
        }
        String sql = "SELECT i.id, i.story_hash, i.url, i.title, i.summary, i.published_at, i.identity_hash FROM item i"
                + " WHERE i.feed_id = ? AND i.identity_hash IN (" + marks(identities.size()) + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, feedId);
            for (int i = 0; i < identities.size(); i++) {
                ps.setString(i + 2, identities.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Row row = row(rs);
                    if (row != null) {
                        out.put(rs.getString(7), row);
                    }
                }
            }
        }
        return out;
    }

    private static Map<Long, Set<Long>> candidates(Connection c, Set<Long> keys, Instant from, Instant to)
            throws SQLException {
        Map<Long, Set<Long>> out = new HashMap<>();
        List<Long> list = new ArrayList<>(keys);
        // The newest PER_KEY items of each key: a band shared by thousands of items (common words hash alike) says
        // little about any of them, and reading all of them made the candidates grow with the store.
        String sql = "SELECT band_key, item_id FROM (SELECT band_key, item_id, ROW_NUMBER() OVER (PARTITION BY band_key"
                + " ORDER BY published_at DESC, item_id DESC) AS n FROM story_band WHERE band_key IN ("
                + marks(list.size()) + ") AND published_at BETWEEN ? AND ?) newest WHERE n <= " + PER_KEY;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (long key : list) {
                ps.setLong(i++, key);
            }
            ps.setObject(i++, UtcTimes.toColumn(from));
            ps.setObject(i, UtcTimes.toColumn(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).add(rs.getLong(2));
                }
            }
        }
        return out;
    }

    private static Map<Long, Row> rowsById(Connection c, Set<Long> ids) throws SQLException {
        Map<Long, Row> out = new HashMap<>();
        List<Long> list = new ArrayList<>(ids);
        String sql = "SELECT id, story_hash, url, title, summary, published_at FROM item WHERE id IN ("
                + marks(list.size()) + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < list.size(); i++) {
                ps.setLong(i + 1, list.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Row row = row(rs);
                    if (row != null) {
                        out.put(row.id(), row);
                    }
                }
            }
        }
        return out;
    }

    private static Row row(ResultSet rs) throws SQLException {
        String site = PublisherDomain.of(rs.getString(3));
        if (site == null) {
            return null;
        }
        Instant published = UtcTimes.fromColumn(rs.getObject(6, LocalDateTime.class));
        String summary = rs.getString(5);
        ClusterItem item = new ClusterItem(Long.toString(rs.getLong(1)), site, published, rs.getString(4),
                summary == null ? "" : PlainText.ofHtml(summary));
        return new Row(rs.getLong(1), rs.getString(2), site, item);
    }

    /** One copy per publisher in a story: a second copy of a site already there is its own story, or a wrong join. */
    private static boolean storyHasSite(Connection c, String story, String site) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT url FROM item WHERE story_hash = ?")) {
            ps.setString(1, story);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (site.equals(PublisherDomain.of(rs.getString(1)))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Moves every copy of a story into another, remembering the story each copy had first. */
    private static int move(Connection c, String from, String into) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE item SET own_story_hash = COALESCE(own_story_hash, story_hash), story_hash = ? WHERE story_hash = ?")) {
            ps.setString(1, into);
            ps.setString(2, from);
            return ps.executeUpdate();
        }
    }

    private static void insertKeys(Connection c, java.util.Collection<Row> rows, Map<Long, long[]> keys)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT IGNORE INTO story_band (band_key, published_at, item_id) VALUES (?, ?, ?)")) {
            for (Row row : rows) {
                for (long key : keys.get(row.id())) {
                    ps.setLong(1, key);
                    ps.setObject(2, UtcTimes.toColumn(row.item().published()));
                    ps.setLong(3, row.id());
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }

    private static String marks(int n) {
        return "?,".repeat(n - 1) + "?";
    }
}
