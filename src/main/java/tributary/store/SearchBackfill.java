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
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tributary.match.IndexTerms;
import tributary.match.MatchText;

/**
 * Gives items stored before search existed (V12) their search text, and rows indexed before word ends were (V17,
 * terms_version 1) their current index tokens, in batches, once after start-up on the scheduler's thread; ingest
 * writes both for every item since. Until the first is done such items match no query; until the second is, searches
 * do not ask the index for word ends ({@link #reversedIndexed}).
 */
@Singleton
public class SearchBackfill {

    private static final Logger LOG = LoggerFactory.getLogger(SearchBackfill.class);

    static final int BATCH = 500;

    /** The terms_version IndexTerms writes now (V17's default). */
    static final int TERMS_VERSION = 2;

    /** Set once no row with older terms is left: rows are written at TERMS_VERSION from then on. */
    private volatile boolean reversedIndexed;

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
                    LOG.info("Search: {} items indexed before word ends were now have them", rewritten);
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
     * Whether every stored row holds reversed tokens (terms_version 2), so a search may ask the index for word ends;
     * asked of the database (one index lookup) until it answers yes, which then stands: new rows all have them.
     */
    public boolean reversedIndexed(Connection c) throws SQLException {
        if (reversedIndexed) {
            return true;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM item_search WHERE terms_version < ? LIMIT 1")) {
            ps.setInt(1, TERMS_VERSION);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    reversedIndexed = true;
                }
            }
        }
        return reversedIndexed;
    }
}
