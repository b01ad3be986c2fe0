package tributary.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tributary.cluster.BandIndex;
import tributary.cluster.Candidates;
import tributary.cluster.ClusterItem;
import tributary.cluster.FeatureCache;
import tributary.cluster.StoryClusterer;
import tributary.cluster.StoryReading;
import tributary.cluster.Verdict;
import tributary.common.PublisherDomain;
import tributary.match.PlainText;
import tributary.normalize.NormalizedItem;

/**
 * Clusters new items across publishers at ingest. Their band keys go into the in-memory band index with the items
 * (index, in the inserting transaction, pending until it commits), so that after the commit (link, after StoryLinker)
 * two feeds polled at the same moment see each other's keys: the items sharing a key within the window come back from
 * the index (ClusterIndex brings it up to date with what other instances stored first), and when a new item's best candidate of another site
 * passes the same-event rule, the story of the younger row (higher id) moves into the story of the older, whose id
 * stays, and whichever of two concurrent linkers runs last comes to the same answer. A batch's own items are read
 * from what ingest holds (index hands them to link); candidates' features are kept in a bounded {@link FeatureCache}
 * by id and content hash (a candidate meets many new items), and only a miss reads an item's text again.
 */
final class ClusterLinker {

    /**
     * Copies a story takes at most. Every join reads the story's copies to keep one per publisher, and a story of
     * near-identical generated items grew to hundreds of copies (bench/polling.sh); no event has that many publishers
     * in one service's feeds, and a copy turned away stays its own entry.
     */
    static final int MAX_STORY_COPIES = 64;

    /** Characters of a summary's HTML read for its lead. */
    static final int LEAD_HTML = 4000;

    /** A stored item as clustering reads it. */
    record Row(long id, String site, Instant published, StoryReading reading) {
    }

    /** The new items of one batch as index() read and stored their keys, for link() after the commit. */
    record Indexed(List<Row> rows) {
        static final Indexed NONE = new Indexed(List.of());

        List<Long> ids() {
            List<Long> ids = new ArrayList<>(rows.size());
            for (Row row : rows) {
                ids.add(row.id());
            }
            return ids;
        }
    }

    private ClusterLinker() {
    }

    /**
     * Adds the band keys of the new items of feedId to the index, pending, in the transaction that inserts them (now:
     * the date of an item without one, as ItemStore stores it); the caller commits or removes them with the
     * transaction. Their features are read from the items in hand, as the row holds them.
     */
    static Indexed index(Connection c, long feedId, List<NormalizedItem> items, Instant now, FeatureCache cache,
            BandIndex bands) throws SQLException {
        // In the order of their identity hashes, as the rows were read before: which of a feed's items joins a story
        // first decides which others may (one copy per publisher), and this order is the one measured.
        Map<String, NormalizedItem> wanted = new TreeMap<>();
        for (NormalizedItem item : items) {
            if (item.title() != null && !item.title().isBlank()
                    && PublisherDomain.of(Columns.fit(item.url(), 2048)) != null) {
                wanted.putIfAbsent(item.identityHash(), item);
            }
        }
        if (wanted.isEmpty()) {
            return Indexed.NONE;
        }
        Map<String, Long> ids = ids(c, feedId, wanted.keySet());
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, NormalizedItem> e : wanted.entrySet()) {
            Long id = ids.get(e.getKey());
            if (id == null) {
                continue;
            }
            NormalizedItem item = e.getValue();
            // As the row reads back: DATETIME(3), VARCHAR(1000) and (2048).
            Instant published = (item.published() != null ? item.published() : now).truncatedTo(ChronoUnit.MILLIS);
            String site = PublisherDomain.of(Columns.fit(item.url(), 2048));
            String title = Columns.fit(item.title(), 1000);
            String summary = item.summary();
            StoryReading reading = cache.read(id + "/" + item.contentHash(), () -> new ClusterItem(Long.toString(id),
                    site, published, title, summary == null ? "" : PlainText.ofHtml(lead(summary))));
            rows.add(new Row(id, site, published, reading));
            bands.add(id, published, reading.bandKeys(), true);
        }
        return new Indexed(rows);
    }

    /**
     * Clusters the new items of a batch (indexed before); answers how many copies moved into another story. Each new
     * item is judged against at most maxCandidates others, those sharing the most band keys with it (the likeliest
     * to be the same event): news shares much vocabulary, and without a bound the candidates of one item grew with
     * the store (bench/polling.sh spent minutes in the rule at 20,000 items). Two items are one event only when
     * published within window of each other.
     */
    static int link(Connection c, Indexed batch, Duration window, int maxCandidates, FeatureCache cache,
            ClusterIndex index, Instant now) throws SQLException {
        List<Row> own = batch.rows();
        if (own.isEmpty()) {
            return 0;
        }
        index.catchUp(c, now);
        Set<Long> allKeys = new HashSet<>();
        Set<Long> ownIds = new HashSet<>();
        Instant earliest = null;
        Instant latest = null;
        for (Row row : own) {
            for (long key : row.reading().bandKeys()) {
                allKeys.add(key);
            }
            ownIds.add(row.id());
            Instant when = row.published();
            earliest = earliest == null || when.isBefore(earliest) ? when : earliest;
            latest = latest == null || when.isAfter(latest) ? when : latest;
        }
        Map<Long, List<Long>> byKey = index.bands().newest(allKeys, earliest.minus(window), latest.plus(window));
        Map<Long, List<Long>> chosen = new HashMap<>();
        Set<Long> ids = new HashSet<>();
        for (Row row : own) {
            List<Long> top = Candidates.mostShared(row.reading().bandKeys(), byKey, ownIds, maxCandidates);
            chosen.put(row.id(), top);
            ids.addAll(top);
        }
        if (ids.isEmpty()) {
            return 0;
        }
        StoryCopies stories = new StoryCopies(c);
        Map<Long, Row> others = rows(c, ids, ownIds, cache, stories);
        int moved = 0;
        // Read at the first join, once: the transaction's snapshot is the same for every join of the batch.
        Boolean splits = null;
        for (Row row : own) {
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
                splits = splits != null ? splits : ClusterSplits.any(c);
                moved += join(c, row, best, stories, splits);
            }
        }
        return moved;
    }

    /**
     * The older row's story takes the younger's copies, unless it already holds a copy of the younger's site, or an
     * admin split the two apart (ClusterSplits; asked only when splits, some split exists).
     */
    private static int join(Connection c, Row row, Row best, StoryCopies stories, boolean splits)
            throws SQLException {
        Row older = row.id() < best.id() ? row : best;
        Row younger = older == row ? best : row;
        String into = stories.story(older.id());
        String from = stories.story(younger.id());
        if (into == null || from == null || into.equals(from) || stories.hasSite(into, younger.site())
                || splits && ClusterSplits.apart(c, into, from)) {
            return 0;
        }
        int moved = move(c, from, into);
        stories.moved(from, into);
        return moved;
    }

    /** Ids of the stored rows of feedId with these identities. */
    private static Map<String, Long> ids(Connection c, long feedId, Set<String> identities) throws SQLException {
        Map<String, Long> out = new HashMap<>();
        String sql = "SELECT identity_hash, id FROM item WHERE feed_id = ? AND identity_hash IN ("
                + marks(identities.size()) + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, feedId);
            int i = 2;
            for (String identity : identities) {
                ps.setString(i++, identity);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return out;
    }

    /**
     * The candidates' rows (not ownIds, whose stories only are noted), every story noted in stories: first what says
     * whether an item's kept features are still its own (its content hash), then the text of those not kept.
     */
    private static Map<Long, Row> rows(Connection c, Set<Long> ids, Set<Long> ownIds, FeatureCache cache,
            StoryCopies stories) throws SQLException {
        List<Long> list = new ArrayList<>(ids);
        list.addAll(ownIds);
        Map<Long, Row> out = new HashMap<>();
        Map<Long, Row> missing = new HashMap<>();
        Map<Long, String> versions = new HashMap<>();
        String sql = "SELECT id, story_hash, url, published_at, content_hash FROM item WHERE id IN ("
                + marks(list.size()) + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < list.size(); i++) {
                ps.setLong(i + 1, list.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    stories.noteStory(id, rs.getString(2));
                    String site = ownIds.contains(id) ? null : PublisherDomain.of(rs.getString(3));
                    if (site == null) {
                        continue;
                    }
                    Instant published = UtcTimes.fromColumn(rs.getObject(4, LocalDateTime.class));
                    // The content hash covers title, summary and date: an item updated since it was read is read again.
                    String version = id + "/" + rs.getString(5);
                    StoryReading kept = cache.kept(version);
                    if (kept != null) {
                        out.put(id, new Row(id, site, published, kept));
                    } else {
                        missing.put(id, new Row(id, site, published, null));
                        versions.put(id, version);
                    }
                }
            }
        }
        if (!missing.isEmpty()) {
            readTexts(c, missing, versions, cache, out);
        }
        return out;
    }

    /** Reads the features of rows not kept in the cache from their title and summary. */
    private static void readTexts(Connection c, Map<Long, Row> missing, Map<Long, String> versions, FeatureCache cache,
            Map<Long, Row> out) throws SQLException {
        List<Long> list = new ArrayList<>(missing.keySet());
        try (PreparedStatement ps = c.prepareStatement("SELECT id, title, summary FROM item WHERE id IN ("
                + marks(list.size()) + ")")) {
            for (int i = 0; i < list.size(); i++) {
                ps.setLong(i + 1, list.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Row row = missing.get(rs.getLong(1));
                    String title = rs.getString(2);
                    String summary = rs.getString(3);
                    StoryReading reading = cache.read(versions.get(row.id()), () -> new ClusterItem(
                            Long.toString(row.id()), row.site(), row.published(), title,
                            summary == null ? "" : PlainText.ofHtml(lead(summary))));
                    out.put(row.id(), new Row(row.id(), row.site(), row.published(), reading));
                }
            }
        }
    }

    /** One copy per publisher in a story: a second copy of a site already there is its own story, or a wrong join. */
    static boolean storyHasSite(Connection c, String story, String site) throws SQLException {
        return new StoryCopies(c).hasSite(story, site);
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

    /**
     * Enough of a summary's HTML for the lead clustering reads (FeatureExtractor.LEAD characters of text, markup
     * around it): a feed that puts the whole article there would have it all parsed for nothing.
     */
    static String lead(String html) {
        return html.length() <= LEAD_HTML ? html : html.substring(0, LEAD_HTML);
    }

    private static String marks(int n) {
        return "?,".repeat(n - 1) + "?";
    }
}
