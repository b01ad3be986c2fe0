package tributary.store;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import tributary.match.IndexFilter;

/**
 * How many entries the FULLTEXT index lists for a filter, estimated from a uniform sample of the stored items' index
 * tokens (item_search.terms), taken again every REFRESH. InnoDB reads every listed token's whole posting list, so a
 * filter of common words costs the index seconds at 1,000,000 items while reading the newest rows finds its matches
 * at once. The sample is drawn from the whole table, not from the rows a search read first: a rare word in the news
 * of the day fills those (ten of the newest thousand rows) while the index lists it a few hundred times in all.
 */
@Singleton
public class IndexTermSample {

    /** Items in the sample: a token in 0.1 % of the items is seen about once, one in 5 % about fifty times. */
    static final int SIZE = 1000;

    /** How long a sample stands: the share of a word changes with the news, slowly against this. */
    static final Duration REFRESH = Duration.ofMinutes(10);

    /** Ids asked per statement when drawing the sample. */
    private static final int CHUNK = 500;

    /**
     * One sample: its distinct tokens in order with how many sampled items hold each (as running totals, so the items
     * holding any token of a prefix are one subtraction away), of how many, and the table's size when it was taken.
     */
    record Snapshot(String[] tokens, long[] heldBefore, int items, long tableRows, Instant taken) {

        static Snapshot of(Map<String, Integer> counts, int items, long tableRows, Instant taken) {
            String[] tokens = counts.keySet().toArray(String[]::new);
            Arrays.sort(tokens);
            long[] heldBefore = new long[tokens.length + 1];
            for (int i = 0; i < tokens.length; i++) {
                heldBefore[i + 1] = heldBefore[i] + counts.get(tokens[i]);
            }
            return new Snapshot(tokens, heldBefore, items, tableRows, taken);
        }

        /** About how many entries the index lists for one token: its share of the sample times the table's rows. */
        long rows(IndexFilter.Token token) {
            if (items == 0) {
                return 0;
            }
            int from = insertionPoint(token.token());
            // '{' follows z, the last char an index token may hold: every token a prefix starts sorts before it.
            int to = token.prefix() ? insertionPoint(token.token() + "{")
                    : from < tokens.length && tokens[from].equals(token.token()) ? from + 1 : from;
            return Math.round((double) (heldBefore[to] - heldBefore[from]) / items * tableRows);
        }

        /** Where the token stands or would stand in tokens. */
        private int insertionPoint(String token) {
            int at = Arrays.binarySearch(tokens, token);
            return at >= 0 ? at : -at - 1;
        }
    }

    private final Clock clock;
    private volatile Snapshot snapshot;

    public IndexTermSample(Clock clock) {
        this.clock = clock;
    }

    /**
     * The cheapest way to ask the index for a filter ({@link IndexPlan}), with about how many entries it lists: each
     * token's share in the sample (a prefix: of every sampled token it starts) times the table's rows. Draws a new
     * sample on c when the last is REFRESH old. Null when no part is usable.
     */
    public IndexPlan plan(Connection c, IndexFilter filter) throws SQLException {
        if (filter == null) {
            return null;
        }
        Snapshot s = current(c);
        return IndexPlan.of(filter, s::rows);
    }

    /** The sample standing now, null before the first search that needed one. */
    Snapshot snapshot() {
        return snapshot;
    }

    private Snapshot current(Connection c) throws SQLException {
        Snapshot s = snapshot;
        Instant now = clock.instant();
        if (s == null || !now.isBefore(s.taken().plus(REFRESH))) {
            // Two searches may draw at once: each gets a sound sample, and the last one stays.
            s = draw(c, now);
            snapshot = s;
        }
        return s;
    }

    /** SIZE items drawn at random between the smallest and largest id (every item when there are no more). */
    private static Snapshot draw(Connection c, Instant now) throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM (SELECT item_id FROM item_search LIMIT "
                + (SIZE + 1) + ") few");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            if (rs.getInt(1) <= SIZE) {
                // A small store: every item is the sample.
                try (PreparedStatement all = c.prepareStatement("SELECT terms FROM item_search")) {
                    int items = tally(all, counts);
                    return Snapshot.of(counts, items, items, now);
                }
            }
        }
        long min;
        long max;
        try (PreparedStatement ps = c.prepareStatement("SELECT MIN(item_id), MAX(item_id) FROM item_search");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            min = rs.getLong(1);
            max = rs.getLong(2);
        }
        // Ids deleted since (retention) are simply not found: the share is of the items that were.
        SplittableRandom random = new SplittableRandom(now.toEpochMilli());
        Set<Long> drawn = new LinkedHashSet<>();
        for (int tries = 0; drawn.size() < SIZE && tries < SIZE * 4; tries++) {
            drawn.add(min + random.nextLong(max - min + 1));
        }
        List<Long> ids = new ArrayList<>(drawn);
        int items = 0;
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            try (PreparedStatement ps = c.prepareStatement("SELECT terms FROM item_search WHERE item_id IN ("
                    + "?,".repeat(chunk.size() - 1) + "?)")) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setLong(i + 1, chunk.get(i));
                }
                items += tally(ps, counts);
            }
        }
        // Ids are drawn evenly over [min, max], so the share of them found tells how many rows the range holds.
        long rows = Math.round((double) items / ids.size() * (max - min + 1));
        return Snapshot.of(counts, items, Math.max(rows, items), now);
    }

    /** Adds the tokens of the rows ps reads to counts; answers how many rows it read. */
    private static int tally(PreparedStatement ps, Map<String, Integer> counts) throws SQLException {
        int items = 0;
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                items++;
                String terms = rs.getString(1);
                if (terms == null || terms.isEmpty()) {
                    continue;
                }
                // IndexTerms writes each distinct token once per item.
                for (String token : terms.split(" ")) {
                    counts.merge(token, 1, Integer::sum);
                }
            }
        }
        return items;
    }
}
