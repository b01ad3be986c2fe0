package tributary.store;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tributary.match.IndexTerms;
import tributary.match.MatchText;

/**
 * Gives items stored before search existed (V12) their search text, rows indexed before V17 (terms_version 1) their
 * current index tokens, and the vocabulary (V18, {@link SearchWords}) the words of items stored before it, in batches,
 * once after start-up on the scheduler's thread; ingest writes all three for every item since. Until the first is
 * done such items match no query; until the last is, searches do not ask the vocabulary for pieces of words.
 */
@Singleton
public class SearchBackfill {

    private static final Logger LOG = LoggerFactory.getLogger(SearchBackfill.class);

    static final int BATCH = 500;

    /**
     * The terms_version IndexTerms writes now (V17's default): bare tokens of long words cut, not left out. Rows
     * written between V17 and V18 also hold reversed tokens (zr...), which nothing asks for any more.
     */
    static final int TERMS_VERSION = 2;

    /** Set when the run after start-up has ended, done or stopped. */
    private volatile boolean startupRunEnded;

    private final TransactionOperations<Connection> tx;
    private final TaskScheduler scheduler;

    public SearchBackfill(TransactionOperations<Connection> tx, @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler) {
        this.tx = tx;
        this.scheduler = scheduler;
    }

    @EventListener
    void start(StartupEvent startup) {
        scheduler.schedule(Duration.ofSeconds(1), () -> {
            try {
                long done = run();
                if (done > 0) {
                    LOG.info("Search: {} items stored before it now have their search text", done);
                }
                long rewritten = rewriteOldTerms();
                if (rewritten > 0) {
                    LOG.info("Search: {} items indexed before V17 have their current index tokens", rewritten);
                }
                long filled = fillWords();
                if (filled > 0) {
                    LOG.info("Search: the words of {} items stored before the vocabulary are in it", filled);
                }
            } catch (RuntimeException e) {
                // The database may be away: the next start goes on from what is done (each batch commits).
                LOG.warn("Search backfill stopped: {}", e.getMessage());
            } finally {
                startupRunEnded = true;
            }
        });
    }

    /** Whether the run scheduled at start-up has ended (tests wait for it before writing rows of their own). */
    public boolean startupRunEnded() {
        return startupRunEnded;
    }

    /** Indexes every item without search text; answers how many. */
    public long run() {
        long done = 0;
        long after = 0;
        while (true) {
            long from = after;
            long[] last = {-1};
            int n = tx.executeWrite(status -> {
                Connection c = status.getConnection();
                List<Object[]> rows = new ArrayList<>();
                Set<String> words = new HashSet<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT i.id, i.title, i.summary, i.content, i.author, "
                        + "i.tags FROM item i LEFT JOIN item_search s ON s.item_id = i.id WHERE i.id > ? "
                        + "AND s.item_id IS NULL ORDER BY i.id LIMIT " + BATCH)) {
                    ps.setLong(1, from);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            String tags = rs.getString(6);
                            MatchText text = ItemTexts.of(rs.getString(2), rs.getString(3), rs.getString(4),
                                    rs.getString(5), tags == null ? List.of() : List.of(tags.split("\n")));
                            rows.add(new Object[] {rs.getLong(1), text.serialize(), IndexTerms.of(text)});
                            words.addAll(IndexTerms.words(text));
                        }
                    }
                }
                if (rows.isEmpty()) {
                    return 0;
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT IGNORE INTO item_search (item_id, doc, terms) VALUES (?, ?, ?)")) {
                    for (Object[] row : rows) {
                        ps.setLong(1, (Long) row[0]);
                        ps.setString(2, (String) row[1]);
                        ps.setString(3, (String) row[2]);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                SearchWords.insert(c, words);
                last[0] = (Long) rows.get(rows.size() - 1)[0];
                return rows.size();
            });
            done += n;
            if (n < BATCH) {
                return done;
            }
            after = last[0];
        }
    }

    /** Writes the index tokens of every row of an older terms_version again; answers how many. */
    public long rewriteOldTerms() {
        long done = 0;
        while (true) {
            int n = tx.executeWrite(status -> {
                Connection c = status.getConnection();
                List<Object[]> rows = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT item_id, doc FROM item_search "
                        + "WHERE terms_version < ? ORDER BY terms_version, item_id LIMIT " + BATCH)) {
                    ps.setInt(1, TERMS_VERSION);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rows.add(new Object[] {rs.getLong(1), IndexTerms.of(MatchText.deserialize(rs.getString(2)))});
                        }
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE item_search SET terms = ?, terms_version = ? WHERE item_id = ?")) {
                    for (Object[] row : rows) {
                        ps.setString(1, (String) row[1]);
                        ps.setInt(2, TERMS_VERSION);
                        ps.setLong(3, (Long) row[0]);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                return rows.size();
            });
            done += n;
            if (n < BATCH) {
                return done;
            }
        }
    }

    /**
     * Writes the words of every item stored before V18 into the vocabulary, from where the last run stopped
     * (search_word_fill), and marks it done; answers how many items' words were read.
     */
    public long fillWords() {
        long done = 0;
        while (true) {
            int n = tx.executeWrite(status -> {
                Connection c = status.getConnection();
                long after;
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT after_item, done FROM search_word_fill WHERE id = 1 FOR UPDATE");
                     ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || rs.getBoolean(2)) {
                        return -1;
                    }
                    after = rs.getLong(1);
                }
                Set<String> words = new HashSet<>();
                long last = after;
                int rows = 0;
                try (PreparedStatement ps = c.prepareStatement("SELECT item_id, doc FROM item_search WHERE item_id > ? "
                        + "ORDER BY item_id LIMIT " + BATCH)) {
                    ps.setLong(1, after);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            last = rs.getLong(1);
                            words.addAll(IndexTerms.words(MatchText.deserialize(rs.getString(2))));
                            rows++;
                        }
                    }
                }
                SearchWords.insert(c, words);
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE search_word_fill SET after_item = ?, done = ? WHERE id = 1")) {
                    ps.setLong(1, last);
                    ps.setBoolean(2, rows < BATCH);
                    ps.executeUpdate();
                }
                return rows;
            });
            if (n < 0) {
                return done;
            }
            done += n;
        }
    }
}
