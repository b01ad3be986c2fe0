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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tributary.match.IndexTerms;
import tributary.match.MatchText;

/**
 * Gives items stored before search existed (V12) their search text, in batches, once after start-up on the
 * scheduler's thread; ingest writes it for every item since. Until it is done such items match no query.
 */
@Singleton
public class SearchBackfill {

    private static final Logger LOG = LoggerFactory.getLogger(SearchBackfill.class);

    static final int BATCH = 500;

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
            } catch (RuntimeException e) {
                // The database may be away: the next start goes on from what is done (each batch commits).
                LOG.warn("Search backfill stopped: {}", e.getMessage());
            }
        });
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
}
