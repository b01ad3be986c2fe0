package tributary.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tributary.cluster.BandIndex;
import tributary.cluster.ClusterItem;
import tributary.cluster.FeatureCache;
import tributary.cluster.StoryReading;
import tributary.common.PublisherDomain;
import tributary.match.PlainText;

/**
 * Story clustering's band index (cluster.BandIndex, in memory) kept in step with the database, which other instances
 * write too: filled at its first use from the newest items stored within the horizon, and before each link brought up
 * to date with the items stored since by anyone (ids above the highest seen). An id below that one not seen yet may
 * belong to a transaction still open (ids are taken at insert, rows seen at commit): it is asked for again at each
 * catch-up until found or GAP_WAIT has passed, so an item another instance committed late is not missed.
 */
final class ClusterIndex {

    /** Rows read per catch-up statement; a catch-up reads statements until it has seen every new id. */
    static final int CATCH_UP_ROWS = 1000;
    /** How long an id below the highest seen is asked for again: longer than any ingest transaction stays open. */
    static final Duration GAP_WAIT = Duration.ofMinutes(2);
    /**
     * Ids asked for again at most (the oldest dropped first): ids are not all used (a rolled back insert, Galera's
     * auto_increment_increment), so their number must not grow with the store.
     */
    static final int MAX_GAPS = 2000;
    /** How often items past the horizon are dropped from memory (a pass over every slot). */
    static final Duration EXPIRE_EVERY = Duration.ofMinutes(1);

    private final BandIndex bands;
    private final Duration horizon;
    private final FeatureCache cache;
    /** Highest item id seen by a catch-up or the load; -1 before the first load. */
    private long seen = -1;
    /** Ids not seen below it, with when they were first missed. */
    private final Map<Long, Instant> gaps = new LinkedHashMap<>();
    private Instant expired = Instant.MIN;

    /**
     * bands holds the items; horizon is how far back from now items are kept (twice the window: an item stored up to a
     * window after its own date still finds every copy of its window); cache keeps the features read.
     */
    ClusterIndex(BandIndex bands, Duration horizon, FeatureCache cache) {
        this.bands = bands;
        this.horizon = horizon;
        this.cache = cache;
    }

    BandIndex bands() {
        return bands;
    }

    /** How many ids below the highest seen are asked for again. */
    synchronized int gaps() {
        return gaps.size();
    }

    /** Loads the index if it is not yet, else adds the items stored since the last catch-up that it does not hold. */
    synchronized void catchUp(Connection c, Instant now) throws SQLException {
        if (seen < 0) {
            load(c, now);
            return;
        }
        if (!expired.plus(EXPIRE_EVERY).isAfter(now)) {
            bands.expire(now.minus(horizon));
            expired = now;
        }
        gaps.values().removeIf(since -> since.plus(GAP_WAIT).isBefore(now));
        while (true) {
            List<Long> found = newIds(c);
            List<Long> missing = new ArrayList<>();
            long top = seen;
            for (long id : found) {
                gaps.remove(id);
                top = Math.max(top, id);
                if (!bands.holds(id)) {
                    missing.add(id);
                }
            }
            noteGaps(found, top, now);
            seen = top;
            if (!missing.isEmpty()) {
                read(c, "id IN (" + marks(missing.size()) + ")", missing, now);
            }
            if (found.size() < CATCH_UP_ROWS) {
                return;
            }
        }
    }

    /** Ids above the highest seen, and the gaps, at most CATCH_UP_ROWS of them. */
    private List<Long> newIds(Connection c) throws SQLException {
        String sql = "SELECT id FROM item WHERE id > ?" + (gaps.isEmpty() ? "" : " OR id IN (" + marks(gaps.size())
                + ")") + " ORDER BY id LIMIT " + CATCH_UP_ROWS;
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, seen);
            int i = 2;
            for (long gap : gaps.keySet()) {
                ps.setLong(i++, gap);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    /** Ids between the highest seen before and top that neither came back nor are held: maybe not committed yet. */
    private void noteGaps(List<Long> found, long top, Instant now) {
        Set<Long> back = new HashSet<>(found);
        for (long id = Math.max(seen + 1, top - MAX_GAPS); id < top; id++) {
            if (!back.contains(id) && !bands.holds(id)) {
                gaps.putIfAbsent(id, now);
            }
        }
        Iterator<Long> oldest = gaps.keySet().iterator();
        while (gaps.size() > MAX_GAPS) {
            oldest.next();
            oldest.remove();
        }
    }

    /** The newest items dated within the horizon, at most the index's capacity, oldest first. */
    private void load(Connection c, Instant now) throws SQLException {
        long top = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(id), 0) FROM item");
             ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                top = rs.getLong(1);
            }
        }
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM item WHERE published_at >= ? AND id <= ?"
                + " ORDER BY published_at DESC, id DESC LIMIT " + bands.capacity())) {
            ps.setObject(1, UtcTimes.toColumn(now.minus(horizon)));
            ps.setLong(2, top);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        ids.sort(null);
        for (int from = 0; from < ids.size(); from += CATCH_UP_ROWS) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + CATCH_UP_ROWS));
            read(c, "id IN (" + marks(chunk.size()) + ")", chunk, now);
        }
        seen = top;
        expired = now;
    }

    /** Reads the items the condition names (its parameters ids) and adds those clustering reads, in id order. */
    private void read(Connection c, String where, List<Long> ids, Instant now) throws SQLException {
        Instant oldest = now.minus(horizon);
        try (PreparedStatement ps = c.prepareStatement("SELECT id, url, published_at, title, summary, content_hash"
                + " FROM item WHERE " + where + " ORDER BY id")) {
            for (int i = 0; i < ids.size(); i++) {
                ps.setLong(i + 1, ids.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    String site = PublisherDomain.of(rs.getString(2));
                    Instant published = UtcTimes.fromColumn(rs.getObject(3, LocalDateTime.class));
                    String title = rs.getString(4);
                    if (site == null || title == null || title.isBlank() || published.isBefore(oldest)) {
                        continue;
                    }
                    String summary = rs.getString(5);
                    StoryReading reading = cache.read(id + "/" + rs.getString(6), () -> new ClusterItem(
                            Long.toString(id), site, published, title,
                            summary == null ? "" : PlainText.ofHtml(ClusterLinker.lead(summary))));
                    bands.add(id, published, reading.bandKeys(), false);
                }
            }
        }
    }

    private static String marks(int n) {
        return "?,".repeat(n - 1) + "?";
    }
}
