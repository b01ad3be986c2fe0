package tributary.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tributary.cluster.BandIndex;
import tributary.cluster.ClusterItem;
import tributary.cluster.FeatureCache;
import tributary.cluster.StoryReading;
import tributary.common.PublisherDomain;
import tributary.match.PlainText;

/**
 * Story clustering's band index (cluster.BandIndex, in memory) kept in step with the database, which other instances
 * write too: filled at its first use from the newest items stored within the horizon, and before each link brought up
 * to date with the items stored since by anyone (ids above the highest seen). Ids below that one not seen may belong
 * to a transaction still open (ids are taken at insert, rows seen at commit): those ranges are asked for again, at
 * most every GAP_RECHECK, until GAP_WAIT has passed, so an item another instance committed late is not missed. Most
 * such ids are never used (InnoDB reserves ids for a bulk insert in chunks of 1, 2, 4, 8 …, and a batch of 20 rows
 * leaves 11 unused), which is why they are kept as ranges and not asked for at every link.
 */
final class ClusterIndex {

    /** Rows read per catch-up statement; a catch-up reads statements until it has seen every new id. */
    static final int CATCH_UP_ROWS = 1000;
    /** How long ids below the highest seen are asked for again: longer than any ingest transaction stays open. */
    static final Duration GAP_WAIT = Duration.ofMinutes(2);
    /** How often they are asked for: an item committed late reaches this instance's candidates within this. */
    static final Duration GAP_RECHECK = Duration.ofSeconds(1);
    /**
     * Ranges of ids asked for again at most (the oldest dropped first): their number must not grow with the rate of
     * ingest (each batch leaves one or two), nor the statement that asks for them.
     */
    static final int MAX_GAPS = 1000;
    /** Ranges asked for per recheck statement. */
    static final int RANGES_PER_RECHECK = 500;
    /** How often items past the horizon are dropped from memory (a pass over every slot). */
    static final Duration EXPIRE_EVERY = Duration.ofMinutes(1);

    /** Ids from to to (both in) not seen, first missed at since. */
    private record Gap(long from, long to, Instant since) {
    }

    private final BandIndex bands;
    private final Duration horizon;
    private final FeatureCache cache;
    /** Highest item id seen by a catch-up or the load; -1 before the first load. */
    private long seen = -1;
    /** Ranges of ids not seen below it, by their first id. */
    private final TreeMap<Long, Gap> gaps = new TreeMap<>();
    private Instant rechecked = Instant.MIN;
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

    /** How many ranges of ids below the highest seen are asked for again. */
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
        if (!gaps.isEmpty() && !rechecked.plus(GAP_RECHECK).isAfter(now)) {
            recheck(c, now);
        }
        while (true) {
            List<Long> found = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id FROM item WHERE id > ? ORDER BY id LIMIT " + CATCH_UP_ROWS)) {
                ps.setLong(1, seen);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getLong(1));
                    }
                }
            }
            List<Long> missing = new ArrayList<>();
            for (long id : found) {
                if (id > seen + 1) {
                    gap(new Gap(seen + 1, id - 1, now));
                }
                seen = id;
                if (!bands.holds(id)) {
                    missing.add(id);
                }
            }
            add(c, missing, now);
            if (found.size() < CATCH_UP_ROWS) {
                return;
            }
        }
    }

    /** Asks for the ids of the gaps not past GAP_WAIT; adds the items found, and their ids leave the gaps. */
    private void recheck(Connection c, Instant now) throws SQLException {
        rechecked = now;
        gaps.values().removeIf(g -> g.since().plus(GAP_WAIT).isBefore(now));
        List<Gap> asked = new ArrayList<>(gaps.values());
        List<Long> found = new ArrayList<>();
        for (int from = 0; from < asked.size(); from += RANGES_PER_RECHECK) {
            List<Gap> chunk = asked.subList(from, Math.min(asked.size(), from + RANGES_PER_RECHECK));
            String sql = "SELECT id FROM item WHERE " + String.join(" OR ",
                    Collections.nCopies(chunk.size(), "id BETWEEN ? AND ?"));
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                for (Gap g : chunk) {
                    ps.setLong(i++, g.from());
                    ps.setLong(i++, g.to());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getLong(1));
                    }
                }
            }
        }
        List<Long> missing = new ArrayList<>();
        for (long id : found) {
            Map.Entry<Long, Gap> in = gaps.floorEntry(id);
            if (in != null && in.getValue().to() >= id) {
                Gap g = gaps.remove(in.getKey());
                if (g.from() < id) {
                    gaps.put(g.from(), new Gap(g.from(), id - 1, g.since()));
                }
                if (id < g.to()) {
                    gaps.put(id + 1, new Gap(id + 1, g.to(), g.since()));
                }
            }
            if (!bands.holds(id)) {
                missing.add(id);
            }
        }
        add(c, missing, now);
    }

    private void gap(Gap g) {
        gaps.put(g.from(), g);
        while (gaps.size() > MAX_GAPS) {
            gaps.pollFirstEntry();
        }
    }

    private void add(Connection c, List<Long> ids, Instant now) throws SQLException {
        for (int from = 0; from < ids.size(); from += CATCH_UP_ROWS) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + CATCH_UP_ROWS));
            read(c, "id IN (" + marks(chunk.size()) + ")", chunk, now);
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
        add(c, ids, now);
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
