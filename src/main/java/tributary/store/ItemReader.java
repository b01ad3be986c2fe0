package tributary.store;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tributary.match.MatchText;

/**
 * Reads stored items for publishing: the newest stories of a category, with every stored copy of each. A full-text
 * item held back for its article (within tributary.fulltext.wait of its arrival) is not read until its hold ends,
 * and counts as first seen when it was released: that is when its story changed for readers (Last-Modified).
 */
@Singleton
public class ItemReader {

    private static final String COLUMNS = """
            SELECT i.id, i.feed_id, i.story_hash, i.guid, i.url, i.title, i.summary, i.content, i.article, i.author, i.tags,
              i.enclosure_url, i.enclosure_type, i.enclosure_length, i.published_at,
              GREATEST(i.first_seen_at, COALESCE(i.article_released_at, i.first_seen_at)) AS first_seen_at, i.modified_at,
              f.url AS feed_url, COALESCE(f.title_override, f.title) AS feed_title, f.site_url,
              COALESCE(f.content_changed_at, f.last_success_at) AS feed_updated
            FROM item i JOIN feed f ON f.id = i.feed_id
            """;

    /** Several copies of one story can stand among the newest rows; the first batch reads this many rows per story wanted. */
    private static final int ROWS_PER_STORY = 3;

    /** The largest batch of rows one query reads while collecting a page's stories; batches double up to it. */
    private static final int MAX_BATCH_ROWS = 4096;

    /** A full-text item waiting for its article is left out until its hold ends (store/ArticleStore releases it). */
    private static final String VISIBLE = "(i.article_hold_until IS NULL OR i.article_hold_until <= ?) ";

    /**
     * For counts, which are read once per change: a held item counts once released (ArticleStore clears its hold and
     * fires the change that has them read again), so the index never counts an item no feed shows yet.
     */
    private static final String RELEASED = "i.article_hold_until IS NULL ";

    private final TransactionOperations<Connection> tx;
    private final Clock clock;
    private final IndexTermSample terms;
    private final SearchWords words;

    public ItemReader(TransactionOperations<Connection> tx, Clock clock, IndexTermSample terms, SearchWords words) {
        this.tx = tx;
        this.clock = clock;
        this.terms = terms;
        this.words = words;
    }

    /**
     * One page of the newest stories, newest first: limit of them while any remain, older than before when it is
     * given. A story stands where its newest copy stands: it is shown on the first page that reaches a copy of it,
     * never again. Rows are read in growing batches until limit distinct stories are found or the rows run out, so
     * one story with many copies (a feed repeating an article under new guids) cannot crowd out a page.
     *
     * @param categoryId null for every category
     * @param before     null for the first page
     */
    public StoryPage newestStories(Long categoryId, int limit, PageCursor before) {
        return newestStories(StoryFilter.of(categoryId), limit, before);
    }

    /**
     * As above, for the stories of filter: in its categories, since its date, and passing its test. Without a test
     * the walk reads only hashes and positions; with one it reads each row's search text too (item_search.doc), first
     * the newest rows as they come (a common term fills the page there), then, when the filter can use the FULLTEXT
     * index, only the rows the index names (a rare term would otherwise read the whole table), and at most maxRows.
     */
    public StoryPage newestStories(StoryFilter filter, int limit, PageCursor before) {
        LocalDateTime now = UtcTimes.toColumn(clock.instant());
        if (filter.categoryIds() != null && filter.categoryIds().isEmpty()) {
            return new StoryPage(List.of(), null);
        }
        if (filter.test() != null) {
            return tx.executeRead(status -> testedStories(status.getConnection(), filter, limit, before, now));
        }
        return tx.executeRead(status -> {
            Connection c = status.getConnection();
            Set<String> stories = new LinkedHashSet<>();
            // Stories met in this walk that an earlier page already listed: skipped without asking again.
            Set<String> skipped = new HashSet<>();
            PageCursor position = before;
            int batch = Math.min(MAX_BATCH_ROWS, Math.max(limit * ROWS_PER_STORY, 1));
            boolean rowsLeft = true;
            while (stories.size() < limit && rowsLeft) {
                List<Row> rows = rowsAfter(c, filter, position, batch, now);
                rowsLeft = rows.size() == batch;
                Set<String> fresh = new LinkedHashSet<>();
                for (Row row : rows) {
                    if (!stories.contains(row.story()) && !skipped.contains(row.story())) {
                        fresh.add(row.story());
                    }
                }
                if (before != null && !fresh.isEmpty()) {
                    skipped.addAll(shownBefore(c, filter, fresh, before, now));
                }
                for (int i = 0; i < rows.size() && stories.size() < limit; i++) {
                    Row row = rows.get(i);
                    position = row.position();
                    if (!skipped.contains(row.story())) {
                        stories.add(row.story());
                    }
                    if (i < rows.size() - 1 && stories.size() == limit) {
                        rowsLeft = true;
                    }
                }
                batch = Math.min(MAX_BATCH_ROWS, batch * 2);
            }
            boolean more = stories.size() >= limit && rowsLeft;
            return new StoryPage(new ArrayList<>(stories), more ? position : null);
        });
    }

    /** One row of the newest-first walk: its story and where it stands. */
    private record Row(String story, PageCursor position) {
    }

    /** Up to count rows strictly older than after (from the newest when null), newest first. */
    private static List<Row> rowsAfter(Connection c, StoryFilter filter, PageCursor after, int count, LocalDateTime now)
            throws SQLException {
        String sql = "SELECT " + story(filter) + ", i.published_at, i.id FROM item i " + scopeJoin(filter)
                + "WHERE " + VISIBLE + sinceClause(filter)
                + (after == null ? "" : "AND (i.published_at < ? OR (i.published_at = ? AND i.id < ?)) ")
                + "ORDER BY i.published_at DESC, i.id DESC LIMIT ?";
        List<Row> rows = new ArrayList<>(count);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = bindWalk(ps, filter, now, after);
            ps.setInt(i, count);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getString(1),
                            new PageCursor(UtcTimes.fromColumn(rs.getObject(2, LocalDateTime.class)), rs.getLong(3))));
                }
            }
        }
        return rows;
    }

    /** Those of the stories that have a copy newer than the cursor, so an earlier page already listed them. */
    private static Set<String> shownBefore(Connection c, StoryFilter filter, Set<String> stories, PageCursor before,
                                           LocalDateTime now) throws SQLException {
        String sql = "SELECT DISTINCT " + story(filter) + " FROM item i " + scopeJoin(filter) + "WHERE " + VISIBLE
                + sinceClause(filter)
                + "AND (i.published_at > ? OR (i.published_at = ? AND i.id >= ?)) AND " + storyIn(filter, stories.size());
        Set<String> shown = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = bindWalk(ps, filter, now, before);
            i = bindStories(ps, i, filter.unclustered(), stories);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    shown.add(rs.getString(1));
                }
            }
        }
        return shown;
    }

    /** Item ids per statement reading search texts. */
    private static final int DOC_CHUNK = 1000;

    /** The SQLSTATE of a statement MariaDB stopped at its max_statement_time (error 1969). */
    static final String STATEMENT_TIMEOUT = "70100";

    /** One row of a tested walk: its story, where it stands, its feed and its search text (null before V12). */
    private record DocRow(String story, PageCursor position, long feedId, String doc) {
    }

    /** The tested walk newestStories describes; the same page and cursor rules as the plain one. */
    private StoryPage testedStories(Connection c, StoryFilter filter, int limit, PageCursor before,
                                    LocalDateTime now) throws SQLException {
        Set<String> stories = new LinkedHashSet<>();
        Set<String> skipped = new HashSet<>();
        PageCursor position = before;
        long read = 0;
        long deadline = filter.timeBudget() == null ? Long.MAX_VALUE : System.nanoTime() + filter.timeBudget().toNanos();
        boolean indexTooSlow = false;
        // Rows read as they come and how many of them passed: the measured share of matches decides the index.
        long scanned = 0;
        long scannedHits = 0;
        long scanNanos = 0;
        // What to ask the index, planned when it is first needed: the filter's cheapest parts (IndexPlan).
        IndexPlan plan = null;
        boolean planned = false;
        int batch = Math.min(MAX_BATCH_ROWS, Math.max(limit * ROWS_PER_STORY, 64));
        while (true) {
            boolean indexed = filter.indexFilter() != null && read >= filter.scanRows() && !indexTooSlow;
            if (indexed && !planned) {
                plan = terms.plan(c, words.words(c, filter.indexFilter()));
                planned = true;
            }
            indexed &= plan != null;
            // Reading on looks as good: the index gets as long as reading on is expected to take (a probe), and if it
            // cannot answer within it the words are common ones and reading on wins. The share measured in the newest
            // rows is a small, clustered sample (at 1,000,000 items 10 matches in the first 1,000 rows of a category
            // sent a rare word to 80,000 rows), so it alone never skips the index: only what the index is expected
            // to list for the words, from a sample of the whole table (IndexTermSample), does.
            long probe = 0;
            if (indexed && scanFillsSooner(scanned, scannedHits, limit - stories.size(), filter.scanRows())) {
                probe = probeNanos(scanned, scannedHits, limit - stories.size(), scanNanos);
                // A filter of common words ("bão số 3" at 1,000,000 items: 1.6 to 2.1 s through the index, and an
                // interrupted FULLTEXT search stops late) would only spend its probe: not asked, reading on instead.
                if (indexFarSlower(indexNanos(plan.listedRows()), probe)) {
                    indexed = false;
                    probe = 0;
                }
            }
            int want = (int) Math.min(batch, Math.max(1, filter.maxRows() - read));
            List<DocRow> rows;
            long batchStart = System.nanoTime();
            long statementEnd = indexed ? statementDeadline(probe, deadline, batchStart) : Long.MAX_VALUE;
            try {
                rows = docRowsAfter(c, filter, position, want, now, indexed ? plan.expression() : null,
                        statementEnd);
            } catch (SQLException e) {
                // Stopped at its max_statement_time: SQLSTATE 70100, or, when InnoDB's FULLTEXT search itself was
                // interrupted, "Unknown error 188" (HY000; seen at 300,000 items with the 60 ms probe): a failure at
                // or past the statement's end is that bound, whatever it says.
                if (!indexed || !stoppedByItsBound(e, System.nanoTime(), statementEnd)) {
                    throw e;
                }
                // A word in most items of a small category: the index lists them all before the join narrows them.
                // Reading rows as they come still makes progress within the page's budget.
                indexTooSlow = true;
                continue;
            }
            boolean exhausted = rows.size() < want;
            boolean outOfTime = false;
            List<DocRow> passing = new ArrayList<>();
            for (int k = 0; k < rows.size(); k++) {
                DocRow row = rows.get(k);
                if (k > 0 && System.nanoTime() > deadline) {
                    // Spent the page's time: it ends after the rows tested so far, with a next link from there.
                    rows = rows.subList(0, k);
                    exhausted = false;
                    outOfTime = true;
                    break;
                }
                if (!stories.contains(row.story()) && !skipped.contains(row.story())
                        && filter.test().accepts(row.feedId(), MatchText.deserialize(row.doc()))) {
                    passing.add(row);
                }
            }
            if (!indexed) {
                scanned += rows.size();
                scannedHits += passing.size();
                scanNanos += System.nanoTime() - batchStart;
            }
            if (before != null && !passing.isEmpty()) {
                Set<String> fresh = new LinkedHashSet<>();
                passing.forEach(row -> fresh.add(row.story()));
                skipped.addAll(shownBeforeTested(c, filter, fresh, before, now));
            }
            PageCursor reached = rows.isEmpty() ? position : rows.get(rows.size() - 1).position();
            for (DocRow row : passing) {
                if (!skipped.contains(row.story())) {
                    stories.add(row.story());
                }
                if (stories.size() == limit) {
                    boolean rowsAfterIt = row != rows.get(rows.size() - 1) || !exhausted;
                    return new StoryPage(new ArrayList<>(stories), rowsAfterIt ? row.position() : null);
                }
            }
            read += rows.size();
            position = reached;
            if (exhausted) {
                return new StoryPage(new ArrayList<>(stories), null);
            }
            if (read >= filter.maxRows() || outOfTime) {
                // Read enough for one request: the page ends here and its next link goes on from this row.
                return new StoryPage(new ArrayList<>(stories), position);
            }
            batch = Math.min(MAX_BATCH_ROWS, batch * 2);
        }
    }

    /**
     * The least an index probe gets: a rare word's FULLTEXT statement took some ms at 1,000,000 items (a common one's
     * seconds), and MariaDB's max_statement_time needs a start.
     */
    static final long MIN_PROBE_NANOS = 50_000_000L;

    /**
     * What an index probe gets: as long as reading on is expected to take to fill the page, at the time per row and
     * the share of matches measured so far; at least MIN_PROBE_NANOS.
     */
    static long probeNanos(long scanned, long hits, int missing, long scanNanos) {
        long readOn = readOnNanos(scanned, hits, missing, scanNanos);
        return readOn == Long.MAX_VALUE ? MIN_PROBE_NANOS : Math.max(MIN_PROBE_NANOS, readOn);
    }

    /** How long reading on is expected to take to fill the page; Long.MAX_VALUE when no row has matched yet. */
    static long readOnNanos(long scanned, long hits, int missing, long scanNanos) {
        if (scanned <= 0 || hits <= 0) {
            return Long.MAX_VALUE;
        }
        double rowsToFill = (double) Math.max(missing, 0) * scanned / hits;
        return (long) Math.min(Long.MAX_VALUE / 2.0, rowsToFill * scanNanos / scanned);
    }

    /**
     * What reading one entry of a FULLTEXT posting list costs, joined to its item: "bão số 3" lists about 17 % of
     * 1,000,000 items through its three tokens and took 1.6 to 2.1 s that way (bench/search.sh, 2026-12-03).
     */
    static final long NANOS_PER_LISTED_ROW = 10_000L;

    /** How much longer than its probe the index must be expected to take before it is not even probed. */
    static final int INDEX_SLOWER_FACTOR = 4;

    /** How long the index is expected to take to list a filter's entries (IndexTermSample#listedRows). */
    static long indexNanos(long listedRows) {
        return (long) Math.min(Long.MAX_VALUE / 2.0, (double) Math.max(listedRows, 0) * NANOS_PER_LISTED_ROW);
    }

    /** Whether the index is expected to take far longer than the probe it would get: then it is not asked. */
    static boolean indexFarSlower(long indexNanos, long probeNanos) {
        return indexNanos > INDEX_SLOWER_FACTOR * probeNanos;
    }

    /** When an indexed statement must end: the page's deadline, or sooner for a probe (probeNanos > 0). */
    static long statementDeadline(long probeNanos, long deadline, long nowNanos) {
        return probeNanos > 0 ? Math.min(deadline, nowNanos + probeNanos) : deadline;
    }

    /** Whether a statement that failed at nowNanos was stopped by its max_statement_time (see testedStories). */
    static boolean stoppedByItsBound(SQLException e, long nowNanos, long statementEnd) {
        return STATEMENT_TIMEOUT.equals(e.getSQLState()) || nowNanos >= statementEnd;
    }

    /** How many rows, in multiples of scan-rows, reading on may take before the index is asked instead. */
    private static final int SCAN_FILL_FACTOR = 8;

    /**
     * Whether reading on as the rows come is expected to fill the page within SCAN_FILL_FACTOR × scanRows more rows,
     * at the share of matches measured so far. Then the query's words may be common (every match holds them), and the
     * FULLTEXT index would list a large part of the table before the join narrows it: a phrase of common words such
     * as "bão số 3" took seconds that way at 1,000,000 items (bench/search.sh), and tens of milliseconds read on. The
     * index is then only probed ({@link #probeNanos}), not skipped.
     */
    static boolean scanFillsSooner(long scanned, long hits, int missing, int scanRows) {
        if (hits == 0 || missing <= 0) {
            return hits > 0;
        }
        double rowsToFill = (double) missing * scanned / hits;
        return rowsToFill <= (double) SCAN_FILL_FACTOR * Math.max(1, scanRows);
    }

    /** Up to count rows older than after with their search text; only those the index names when indexFilter is set. */
    private static List<DocRow> docRowsAfter(Connection c, StoryFilter filter, PageCursor after, int count,
                                             LocalDateTime now, String indexFilter, long deadline) throws SQLException {
        // MariaDB stops the statement at the page's deadline (SQLSTATE 70100); at least 50 ms, so it can start at all.
        String bound = deadline == Long.MAX_VALUE ? "" : "SET STATEMENT max_statement_time = "
                + String.format(Locale.ROOT, "%.3f", Math.max(0.05, (deadline - System.nanoTime()) / 1e9)) + " FOR ";
        // Positions first, texts after: sorting a category's rows with their texts made MariaDB copy every text of the
        // category into a temporary table for each batch (seconds over 50,000 items, measured by bench/search.sh).
        // The join order is forced (measured at 1,000,000 items): MariaDB otherwise read a category's every item and
        // sorted them, seconds per batch. Without the index, items newest first by ix_item_published, each checked
        // against the category; with it, the index's matches first, then their items.
        String from = indexFilter == null
                ? "FROM item i FORCE INDEX (ix_item_published) " + scopeJoin(filter)
                : "FROM item_search s JOIN item i ON i.id = s.item_id " + scopeJoin(filter);
        String sql = bound + "SELECT STRAIGHT_JOIN " + story(filter) + ", i.published_at, i.id, i.feed_id " + from
                + "WHERE " + VISIBLE + sinceClause(filter)
                + (after == null ? "" : "AND (i.published_at < ? OR (i.published_at = ? AND i.id < ?)) ")
                + (indexFilter == null ? "" : "AND MATCH(s.terms) AGAINST (? IN BOOLEAN MODE) ")
                + "ORDER BY i.published_at DESC, i.id DESC LIMIT ?";
        List<DocRow> rows = new ArrayList<>(count);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = bindWalk(ps, filter, now, after);
            if (indexFilter != null) {
                ps.setString(i++, indexFilter);
            }
            ps.setInt(i, count);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new DocRow(rs.getString(1),
                            new PageCursor(UtcTimes.fromColumn(rs.getObject(2, LocalDateTime.class)), rs.getLong(3)),
                            rs.getLong(4), null));
                }
            }
        }
        Map<Long, String> docs = docsOf(c, rows);
        List<DocRow> withDocs = new ArrayList<>(rows.size());
        for (DocRow row : rows) {
            withDocs.add(new DocRow(row.story(), row.position(), row.feedId(), docs.get(row.position().id())));
        }
        return withDocs;
    }

    /** The search texts of the rows' items, by item id (none for an item stored before V12 and not yet indexed). */
    private static Map<Long, String> docsOf(Connection c, List<DocRow> rows) throws SQLException {
        Map<Long, String> docs = new HashMap<>(rows.size() * 2);
        for (int from = 0; from < rows.size(); from += DOC_CHUNK) {
            List<DocRow> chunk = rows.subList(from, Math.min(rows.size(), from + DOC_CHUNK));
            try (PreparedStatement ps = c.prepareStatement("SELECT item_id, doc FROM item_search WHERE item_id IN ("
                    + "?,".repeat(chunk.size() - 1) + "?)")) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setLong(i + 1, chunk.get(i).position().id());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        docs.put(rs.getLong(1), rs.getString(2));
                    }
                }
            }
        }
        return docs;
    }

    /** Those of the stories with a passing copy newer than the cursor: an earlier page of the same filter listed them. */
    private static Set<String> shownBeforeTested(Connection c, StoryFilter filter, Set<String> stories,
                                                 PageCursor before, LocalDateTime now) throws SQLException {
        Set<String> shown = new HashSet<>();
        if (stories.isEmpty()) {
            return shown;
        }
        String sql = "SELECT " + story(filter) + ", i.feed_id, s.doc FROM item i " + scopeJoin(filter)
                + "LEFT JOIN item_search s ON s.item_id = i.id WHERE " + VISIBLE + sinceClause(filter)
                + "AND (i.published_at > ? OR (i.published_at = ? AND i.id >= ?)) AND " + storyIn(filter, stories.size());
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = bindWalk(ps, filter, now, before);
            i = bindStories(ps, i, filter.unclustered(), stories);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!shown.contains(rs.getString(1))
                            && filter.test().accepts(rs.getLong(2), MatchText.deserialize(rs.getString(3)))) {
                        shown.add(rs.getString(1));
                    }
                }
            }
        }
        return shown;
    }

    /**
     * What a row's story is: its story_hash, or without clusters the story it had before clustering moved it
     * (own_story_hash, set only on moved copies).
     */
    private static String story(StoryFilter filter) {
        return filter.unclustered() ? "COALESCE(i.own_story_hash, i.story_hash)" : "i.story_hash";
    }

    /**
     * The rows of n stories (bound by bindStories). Without clusters written as two indexed lists, own_story_hash
     * (ix_item_own_story) and story_hash of never-moved rows, so MariaDB can still read them by index.
     */
    private static String storyIn(boolean unclustered, int n) {
        String marks = "?,".repeat(n - 1) + "?";
        return unclustered ? "(i.own_story_hash IN (" + marks + ") OR (i.own_story_hash IS NULL AND i.story_hash IN ("
                + marks + "))) " : "i.story_hash IN (" + marks + ") ";
    }

    private static String storyIn(StoryFilter filter, int n) {
        return storyIn(filter.unclustered(), n);
    }

    private static int bindStories(PreparedStatement ps, int index, boolean unclustered, Iterable<String> stories)
            throws SQLException {
        int i = index;
        for (int round = unclustered ? 2 : 1; round > 0; round--) {
            for (String story : stories) {
                ps.setString(i++, story);
            }
        }
        return i;
    }

    /** The items of the filter's categories: one joins feed_category, several its distinct feeds, none everything. */
    private static String scopeJoin(StoryFilter filter) {
        List<Long> ids = filter.categoryIds();
        if (ids == null) {
            return "";
        }
        if (ids.size() == 1) {
            return "JOIN feed_category fc ON fc.feed_id = i.feed_id AND fc.category_id = ? ";
        }
        return "JOIN (SELECT DISTINCT feed_id FROM feed_category WHERE category_id IN ("
                + "?,".repeat(ids.size() - 1) + "?)) fc ON fc.feed_id = i.feed_id ";
    }

    /**
     * Binds what every statement of a walk starts with, in the order its SQL names them: the scope's categories, the
     * time that decides which held items are visible, the since floor, the cursor. Answers the next index.
     */
    private static int bindWalk(PreparedStatement ps, StoryFilter filter, LocalDateTime now, PageCursor cursor)
            throws SQLException {
        int i = bindScope(ps, 1, filter);
        ps.setObject(i++, now);
        i = bindSince(ps, i, filter);
        return bindCursor(ps, i, cursor);
    }

    private static int bindScope(PreparedStatement ps, int index, StoryFilter filter) throws SQLException {
        if (filter.categoryIds() == null) {
            return index;
        }
        int i = index;
        for (long id : filter.categoryIds()) {
            ps.setLong(i++, id);
        }
        return i;
    }

    private static String sinceClause(StoryFilter filter) {
        return filter.since() == null ? "" : "AND i.published_at >= ? ";
    }

    private static int bindSince(PreparedStatement ps, int index, StoryFilter filter) throws SQLException {
        if (filter.since() == null) {
            return index;
        }
        ps.setObject(index, UtcTimes.toColumn(filter.since()));
        return index + 1;
    }

    private static String categoryJoin(Long categoryId) {
        return categoryId == null ? "" : "JOIN feed_category fc ON fc.feed_id = i.feed_id AND fc.category_id = ? ";
    }

    private static int bindCategory(PreparedStatement ps, int index, Long categoryId) throws SQLException {
        if (categoryId == null) {
            return index;
        }
        ps.setLong(index, categoryId);
        return index + 1;
    }

    private static int bindCursor(PreparedStatement ps, int index, PageCursor cursor) throws SQLException {
        if (cursor == null) {
            return index;
        }
        LocalDateTime published = UtcTimes.toColumn(cursor.published());
        ps.setObject(index, published);
        ps.setObject(index + 1, published);
        ps.setLong(index + 2, cursor.id());
        return index + 3;
    }

    /**
     * The language most of the category's feeds declare (RSS language, xml:lang, JSON Feed language), or null.
     *
     * @param categoryId null for every feed
     */
    public String languageOf(Long categoryId) {
        return tx.executeRead(status -> {
            String sql = "SELECT LOWER(f.language) lang, COUNT(*) n FROM feed f "
                    + (categoryId == null ? "" : "JOIN feed_category fc ON fc.feed_id = f.id AND fc.category_id = ? ")
                    + "WHERE f.language IS NOT NULL AND f.language <> '' AND f.deleted_at IS NULL "
                    + "GROUP BY lang ORDER BY n DESC, lang LIMIT 1";
            try (PreparedStatement ps = status.getConnection().prepareStatement(sql)) {
                bindCategory(ps, 1, categoryId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }

    /** The categories of every feed in one, by feed id: whose block rules apply to a copy in a merged view. */
    public Map<Long, List<Long>> categoriesByFeed() {
        return tx.executeRead(status -> {
            Map<Long, List<Long>> byFeed = new HashMap<>();
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "SELECT feed_id, category_id FROM feed_category");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byFeed.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>(2)).add(rs.getLong(2));
                }
            }
            return byFeed;
        });
    }

    /** The slugs of the categories a feed is in, for invalidating what was rendered from it. */
    public List<String> categorySlugsOfFeed(long feedId) {
        return tx.executeRead(status -> {
            List<String> slugs = new ArrayList<>();
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "SELECT c.slug FROM feed_category fc JOIN category c ON c.id = fc.category_id WHERE fc.feed_id = ?")) {
                ps.setLong(1, feedId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        slugs.add(rs.getString(1));
                    }
                }
            }
            return slugs;
        });
    }

    /** Every stored copy of the given stories, by feed (the order feeds were added) then age, so the first copy is stable. */
    public Map<String, List<StoredItem>> copiesOf(List<String> storyHashes) {
        return copiesOf(storyHashes, false);
    }

    /**
     * As above; unclustered: the stories are those of StoryFilter#unclustered (a moved copy under the story it had
     * before), and each copy is keyed by that story.
     */
    public Map<String, List<StoredItem>> copiesOf(List<String> storyHashes, boolean unclustered) {
        Map<String, List<StoredItem>> copies = new HashMap<>();
        if (storyHashes.isEmpty()) {
            return copies;
        }
        LocalDateTime now = UtcTimes.toColumn(clock.instant());
        return tx.executeRead(status -> {
            String columns = unclustered ? COLUMNS.replace("i.story_hash,",
                    "COALESCE(i.own_story_hash, i.story_hash) AS story_hash,") : COLUMNS;
            String sql = columns + "WHERE " + VISIBLE + "AND " + storyIn(unclustered, storyHashes.size())
                    + "ORDER BY i.feed_id, i.id";
            try (PreparedStatement ps = status.getConnection().prepareStatement(sql)) {
                ps.setObject(1, now);
                bindStories(ps, 2, unclustered, storyHashes);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        StoredItem item = read(rs);
                        copies.computeIfAbsent(item.storyHash(), k -> new ArrayList<>()).add(item);
                    }
                }
            }
            return copies;
        });
    }

    /** Item count and newest date per category id. */
    public Map<Long, CategoryStats> statsByCategory() {
        return tx.executeRead(status -> {
            Map<Long, CategoryStats> stats = new HashMap<>();
            String sql = "SELECT fc.category_id, COUNT(*), MAX(i.published_at) FROM item i "
                    + "JOIN feed_category fc ON fc.feed_id = i.feed_id WHERE " + RELEASED + "GROUP BY fc.category_id";
            try (PreparedStatement ps = status.getConnection().prepareStatement(sql);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stats.put(rs.getLong(1), new CategoryStats(rs.getLong(2),
                            UtcTimes.fromColumn(rs.getObject(3, LocalDateTime.class))));
                }
            }
            return stats;
        });
    }

    /** Item count and newest date over everything. */
    public CategoryStats statsOfAll() {
        return tx.executeRead(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "SELECT COUNT(*), MAX(published_at) FROM item i WHERE " + RELEASED);
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new CategoryStats(rs.getLong(1), UtcTimes.fromColumn(rs.getObject(2, LocalDateTime.class)));
            }
        });
    }

    private static StoredItem read(ResultSet rs) throws SQLException {
        String tags = rs.getString("tags");
        long enclosureLength = rs.getLong("enclosure_length");
        Long length = rs.wasNull() ? null : enclosureLength;
        return new StoredItem(rs.getLong("id"), rs.getLong("feed_id"), rs.getString("story_hash"),
                rs.getString("guid"), rs.getString("url"), rs.getString("title"), rs.getString("summary"),
                rs.getString("content"), rs.getString("article"), rs.getString("author"), tags == null ? List.of() : List.of(tags.split("\n")),
                rs.getString("enclosure_url"), rs.getString("enclosure_type"), length,
                UtcTimes.fromColumn(rs.getObject("published_at", LocalDateTime.class)),
                UtcTimes.fromColumn(rs.getObject("first_seen_at", LocalDateTime.class)),
                UtcTimes.fromColumn(rs.getObject("modified_at", LocalDateTime.class)),
                rs.getString("feed_url"), rs.getString("feed_title"), rs.getString("site_url"),
                UtcTimes.fromColumn(rs.getObject("feed_updated", LocalDateTime.class)));
    }
}
