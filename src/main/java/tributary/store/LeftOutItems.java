package tributary.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The items a feed's keep/block rules left out (item_left_out), each once: a feed repeats its latest items on every
 * poll, and an item counts the first time a rule leaves it out. Part of the feed's health; ItemPruner forgets them
 * with expired items.
 */
@Singleton
public class LeftOutItems {

    /** The list whose rule left an item out: block (a rule matched) or keep (no rule matched). */
    public enum Kind {
        KEEP, BLOCK;

        String column() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One item left out: rule is the block rule it matched, or null for "no keep rule matched". */
    public record LeftOut(String identityHash, Kind list, @Nullable String rule, @Nullable String title,
                          @Nullable String url) {
    }

    /** How many items one rule left out (rule null: the keep list), and when last. */
    public record RuleCount(String list, @Nullable String rule, long items, Instant last) {
    }

    /** The latest item left out, for the health page. */
    public record Latest(String list, @Nullable String rule, @Nullable String title, @Nullable String url, Instant at) {
    }

    /** A feed's left-out items, as its health shows them. */
    public record Summary(long items, List<RuleCount> byRule, List<Latest> latest) {
    }

    private static final int LATEST = 5;

    private final TransactionOperations<Connection> tx;

    public LeftOutItems(TransactionOperations<Connection> tx) {
        this.tx = tx;
    }

    /** Records items left out, ignoring those already recorded; joins the caller's transaction (ingest's). */
    public void record(long feedId, List<LeftOut> items, Instant now) {
        if (items.isEmpty()) {
            return;
        }
        tx.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement("INSERT IGNORE INTO item_left_out "
                    + "(feed_id, identity_hash, rule_list, rule_text, title, url, seen_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (LeftOut item : items) {
                    ps.setLong(1, feedId);
                    ps.setString(2, item.identityHash());
                    ps.setString(3, item.list().column());
                    ps.setString(4, Columns.fit(item.rule() == null ? "" : item.rule(), 1000));
                    ps.setString(5, Columns.fit(item.title(), 1000));
                    ps.setString(6, Columns.fit(item.url(), 2048));
                    ps.setObject(7, UtcTimes.toColumn(now));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** How many items each feed's rules left out, for feeds with any. */
    public Map<Long, Long> countsByFeed() {
        return tx.executeRead(status -> {
            Map<Long, Long> counts = new HashMap<>();
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "SELECT feed_id, COUNT(*) FROM item_left_out GROUP BY feed_id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getLong(1), rs.getLong(2));
                }
            }
            return counts;
        });
    }

    public Summary summary(long feedId) {
        return tx.executeRead(status -> {
            Connection c = status.getConnection();
            List<RuleCount> counts = new ArrayList<>();
            long total = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT rule_list, rule_text, COUNT(*), MAX(seen_at) "
                    + "FROM item_left_out WHERE feed_id = ? GROUP BY rule_list, rule_text ORDER BY COUNT(*) DESC")) {
                ps.setLong(1, feedId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String rule = rs.getString(2);
                        counts.add(new RuleCount(rs.getString(1), rule.isEmpty() ? null : rule, rs.getLong(3),
                                UtcTimes.fromColumn(rs.getObject(4, LocalDateTime.class))));
                        total += rs.getLong(3);
                    }
                }
            }
            List<Latest> latest = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT rule_list, rule_text, title, url, seen_at "
                    + "FROM item_left_out WHERE feed_id = ? ORDER BY seen_at DESC LIMIT " + LATEST)) {
                ps.setLong(1, feedId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String rule = rs.getString(2);
                        latest.add(new Latest(rs.getString(1), rule.isEmpty() ? null : rule, rs.getString(3),
                                rs.getString(4), UtcTimes.fromColumn(rs.getObject(5, LocalDateTime.class))));
                    }
                }
            }
            return new Summary(total, counts, latest);
        });
    }
}
