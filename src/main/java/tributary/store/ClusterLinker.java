package tributary.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tributary.cluster.ClusterItem;
import tributary.cluster.FeatureCache;
import tributary.cluster.StoryClusterer;
import tributary.cluster.StoryReading;
import tributary.cluster.Verdict;
import tributary.common.PublisherDomain;
import tributary.match.PlainText;
import tributary.normalize.NormalizedItem;

/**
 * Clusters new items across publishers at ingest. Their band keys are written with the items (index), so that after
 * the commit (link, after StoryLinker) two feeds polled at the same moment see each other's keys: the items sharing
 * a key within the window come back by index, and when a new item's best candidate of another site passes the
 * same-event rule, the story of the younger row (higher id) moves into the story of the older, whose id stays, and
 * whichever of two concurrent linkers runs last comes to the same answer. Items' features are read once and kept in
 * a bounded {@link FeatureCache} by id and content hash (a candidate meets many new items); a miss reads them again.
 */
final class ClusterLinker {

    /**
     * Copies a story takes at most. Every join reads the story's copies to keep one per publisher, and a story of
     * near-identical generated items grew to hundreds of copies (bench/polling.sh); no event has that many publishers
     * in one service's feeds, and a copy turned away stays its own entry.
     */
    static final int MAX_STORY_COPIES = 64;

    /** Candidates read per band key, the newest first. */
    static final int PER_KEY = 20;
    /** Band keys looked up per statement (one indexed range of at most PER_KEY rows each). */
    static final int KEYS_PER_QUERY = 64;
    /** Characters of a summary's HTML read for its lead. */
    static final int LEAD_HTML = 4000;

    /** A stored item as clustering reads it. */
    private record Row(long id, String story, String site, Instant published, StoryReading reading) {
    }

    private ClusterLinker() {
    }

    /** Writes the band keys of the new items of feedId, in the transaction that inserts them. */
    static void index(Connection c, long feedId, List<NormalizedItem> items, FeatureCache cache) throws SQLException {
        Map<String, Row> own = ownRows(c, feedId, items, cache);
        Map<Long, long[]> keys = new HashMap<>();
        for (Row row : own.values()) {
            keys.put(row.id(), row.reading().bandKeys());
        }
        insertKeys(c, own.values(), keys);
    }

    /**
     * Clusters the new items of feedId (indexed before); answers how many copies moved into another story. Each new
     * item is judged against at most maxCandidates others, those sharing the most band keys with it (the likeliest
     * to be the same event): news shares much vocabulary, and without a bound the candidates of one item grew with
     * the store (bench/polling.sh spent minutes in the rule at 20,000 items). Two items are one event only when
     * published within window of each other.
     */
    static int link(Connection c, long feedId, List<NormalizedItem> items, Duration window, int maxCandidates,
            FeatureCache cache) throws SQLException {
        Map<String, Row> own = ownRows(c, feedId, items, cache);
        if (own.isEmpty()) {
            return 0;
        }
        Map<Long, long[]> keys = new LinkedHashMap<>();
        Set<Long> allKeys = new HashSet<>();
        Instant earliest = null;
        Instant latest = null;
        for (Row row : own.values()) {
            long[] k = row.reading().bandKeys();
            keys.put(row.id(), k);
            for (long key : k) {
                allKeys.add(key);
            }
            Instant when = row.published();
            earliest = earliest == null || when.isBefore(earliest) ? when : earliest;
            latest = latest == null || when.isAfter(latest) ? when : latest;
        }
        Map<Long, Set<Long>> byKey = candidates(c, allKeys, earliest.minus(window), latest.plus(window));
        Set<Long> ownIds = new HashSet<>();
        own.values().forEach(r -> ownIds.add(r.id()));
        Map<Long, List<Long>> chosen = new HashMap<>();
        Set<Long> ids = new HashSet<>();
        for (Row row : own.values()) {
            List<Long> top = mostShared(keys.get(row.id()), byKey, ownIds, maxCandidates);
            chosen.put(row.id(), top);
            ids.addAll(top);
        }
        Map<Long, Row> others = ids.isEmpty() ? Map.of() : rowsById(c, ids, cache);
        int moved = 0;
        for (Row row : own.values()) {
            Row best = null;
            double likeness = -1;
            for (long id : chosen.get(row.id())) {
                Row other = others.get(id);
                if (other == null || other.site().equals(row.site())
                        || Duration.between(other.published(), row.published()).abs().compareTo(window) > 0) {
                    continue;
                }
                Verdict v = StoryClusterer.judge(row.reading().features(), other.reading().features());
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
        Map<Long, int[]> shared = new HashMap<>();
        for (long key : keys) {
            Set<Long> ids = byKey.get(key);
            if (ids == null) {
                continue;
            }
            for (Long id : ids) {
                if (!exclude.contains(id)) {
                    shared.computeIfAbsent(id, k -> new int[1])[0]++;
                }
            }
        }
        if (shared.isEmpty() || limit <= 0) {
            return List.of();
        }
        long[][] ranked = new long[shared.size()][];
        int n = 0;
        for (Map.Entry<Long, int[]> e : shared.entrySet()) {
            ranked[n++] = new long[] {e.getValue()[0], e.getKey()};
        }
        Arrays.sort(ranked, (a, b) -> a[0] != b[0] ? Long.compare(b[0], a[0]) : Long.compare(b[1], a[1]));
        List<Long> out = new ArrayList<>(Math.min(limit, n));
        for (int i = 0; i < n && i < limit; i++) {
            out.add(ranked[i][1]);
        }
        return out;
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
    private static Map<String, Row> ownRows(Connection c, long feedId, List<NormalizedItem> items, FeatureCache cache)
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
        String sql = "SELECT i.id, i.story_hash, i.url, i.title, i.summary, i.published_at, i.content_hash,"
                + " i.identity_hash FROM item i WHERE i.feed_id = ? AND i.identity_hash IN ("
                + marks(identities.size()) + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, feedId);
            for (int i = 0; i < identities.size(); i++) {
                ps.setString(i + 2, identities.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Row row = row(rs, cache);
                    if (row != null) {
                        out.put(rs.getString(8), row);
                    }
                }
            }
        }
        return out;
    }

    /**
     * The newest PER_KEY items of each key within [from, to]: a band shared by thousands of items (common words hash
     * alike) says little about any of them, and reading all of them made the candidates grow with the store. One
     * bounded index range per key (a UNION ALL), where ranking every row of the keys (ROW_NUMBER) read them all: at
     * 20,000 generated items sharing most bands that query took seconds per batch.
     */
    private static Map<Long, Set<Long>> candidates(Connection c, Set<Long> keys, Instant from, Instant to)
            throws SQLException {
        Map<Long, Set<Long>> out = new HashMap<>();
        List<Long> list = new ArrayList<>(keys);
        for (int start = 0; start < list.size(); start += KEYS_PER_QUERY) {
            List<Long> chunk = list.subList(start, Math.min(list.size(), start + KEYS_PER_QUERY));
            String one = "(SELECT band_key, item_id FROM story_band WHERE band_key = ? AND published_at BETWEEN ? AND ?"
                    + " ORDER BY published_at DESC, item_id DESC LIMIT " + PER_KEY + ")";
            String sql = String.join(" UNION ALL ", Collections.nCopies(chunk.size(), one));
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                for (long key : chunk) {
                    ps.setLong(i++, key);
                    ps.setObject(i++, UtcTimes.toColumn(from));
                    ps.setObject(i++, UtcTimes.toColumn(to));
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

    private static Map<Long, Row> rowsById(Connection c, Set<Long> ids, FeatureCache cache) throws SQLException {
        Map<Long, Row> out = new HashMap<>();
        List<Long> list = new ArrayList<>(ids);
        String sql = "SELECT id, story_hash, url, title, summary, published_at, content_hash FROM item WHERE id IN ("
                + marks(list.size()) + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < list.size(); i++) {
                ps.setLong(i + 1, list.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Row row = row(rs, cache);
                    if (row != null) {
                        out.put(row.id(), row);
                    }
                }
            }
        }
        return out;
    }

    /** A row of (id, story_hash, url, title, summary, published_at, content_hash), its features kept by version. */
    private static Row row(ResultSet rs, FeatureCache cache) throws SQLException {
        String site = PublisherDomain.of(rs.getString(3));
        if (site == null) {
            return null;
        }
        long id = rs.getLong(1);
        Instant published = UtcTimes.fromColumn(rs.getObject(6, LocalDateTime.class));
        String title = rs.getString(4);
        String summary = rs.getString(5);
        // The content hash covers title, summary and date: an item updated since it was read is read again.
        StoryReading reading = cache.read(id + "/" + rs.getString(7), () -> new ClusterItem(Long.toString(id), site,
                published, title, summary == null ? "" : PlainText.ofHtml(lead(summary))));
        return new Row(id, rs.getString(2), site, published, reading);
    }

    /** One copy per publisher in a story: a second copy of a site already there is its own story, or a wrong join. */
    static boolean storyHasSite(Connection c, String story, String site) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT url FROM item WHERE story_hash = ? LIMIT "
                + MAX_STORY_COPIES)) {
            ps.setString(1, story);
            int copies = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    copies++;
                    if (site.equals(PublisherDomain.of(rs.getString(1)))) {
                        return true;
                    }
                }
            }
            // A full story takes no more copies, as if it held the site: the newcomer stays its own entry.
            return copies >= MAX_STORY_COPIES;
        }
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
        int count = 0;
        for (Row row : rows) {
            count += keys.get(row.id()).length;
        }
        if (count == 0) {
            return;
        }
        // One statement of many rows: 32 rows an item sent as a batch of single-row statements cost the database
        // more than the rest of storing the item.
        try (PreparedStatement ps = c.prepareStatement("INSERT IGNORE INTO story_band (band_key, published_at, item_id)"
                + " VALUES " + String.join(",", Collections.nCopies(count, "(?, ?, ?)")))) {
            int i = 1;
            for (Row row : rows) {
                for (long key : keys.get(row.id())) {
                    ps.setLong(i++, key);
                    ps.setObject(i++, UtcTimes.toColumn(row.published()));
                    ps.setLong(i++, row.id());
                }
            }
            ps.executeUpdate();
        }
    }

    /**
     * Enough of a summary's HTML for the lead clustering reads (FeatureExtractor.LEAD characters of text, markup
     * around it): a feed that puts the whole article there would have it all parsed for nothing.
     */
    private static String lead(String html) {
        return html.length() <= LEAD_HTML ? html : html.substring(0, LEAD_HTML);
    }

    private static String marks(int n) {
        return "?,".repeat(n - 1) + "?";
    }
}
