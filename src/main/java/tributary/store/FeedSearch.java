package tributary.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The admin console's feed list, one page at a time: searched by URL or title, filtered by state and category,
 * sorted by failures, last error or items. Hand JDBC: the WHERE and ORDER BY are put together from the request.
 */
@Singleton
public class FeedSearch {

    /** How the list may be sorted; each has its natural direction (the worst or biggest first, titles A to Z). */
    public enum Sort {
        FAILURES(false, "f.consecutive_failures", "f.last_error_at"),
        LAST_ERROR(false, "f.last_error_at"),
        ITEMS(false, "items"),
        TITLE(true, "COALESCE(f.title_override, f.title, f.url)"),
        ADDED(false, "f.id");

        private final boolean ascending;
        private final List<String> columns;

        Sort(boolean ascending, String... columns) {
            this.ascending = ascending;
            this.columns = List.of(columns);
        }

        /** The ORDER BY terms, in the natural direction or against it. */
        String order(boolean reversed) {
            String direction = ascending != reversed ? " ASC" : " DESC";
            return String.join(", ", columns.stream().map(c -> c + direction).toList());
        }

        /** "failures", "last-error", "items", "title", "added". */
        public String column() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** The sort a request names, or null for none of them. */
        @Nullable
        public static Sort of(String column) {
            for (Sort sort : values()) {
                if (sort.column().equals(column)) {
                    return sort;
                }
            }
            return null;
        }
    }

    /** What a page of the list asks for; null fields filter nothing. page counts from 1. */
    public record Criteria(@Nullable String text, @Nullable FeedState state, @Nullable String category, Sort sort,
                           boolean reversed, int page, int size) {
    }

    /** One page: the feeds' ids in order, their stored items, and how many match in all. */
    public record Page(long total, List<Long> ids, Map<Long, Long> items) {
    }

    private final TransactionOperations<Connection> tx;

    public FeedSearch(TransactionOperations<Connection> tx) {
        this.tx = tx;
    }

    public Page find(Criteria criteria) {
        StringBuilder where = new StringBuilder(" WHERE f.deleted_at IS NULL");
        List<Object> parameters = new ArrayList<>();
        if (criteria.text() != null && !criteria.text().isBlank()) {
            // The columns' _ci collation matches case and Vietnamese diacritics loosely: "thoi su" finds "Thời sự".
            where.append(" AND (f.url LIKE ? OR f.title LIKE ? OR f.title_override LIKE ?)");
            String like = "%" + escapeLike(criteria.text().strip()) + "%";
            parameters.add(like);
            parameters.add(like);
            parameters.add(like);
        }
        if (criteria.state() != null) {
            where.append(" AND f.state = ?");
            parameters.add(criteria.state().column());
        }
        if (criteria.category() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM feed_category fc JOIN category c ON c.id = fc.category_id"
                    + " WHERE fc.feed_id = f.id AND c.slug = ?)");
            parameters.add(criteria.category());
        }
        String order = criteria.sort().order(criteria.reversed());
        // Counting every matched feed's items costs a pass over the item index: done only when sorting by them.
        String items = criteria.sort() == Sort.ITEMS
                ? "(SELECT COUNT(*) FROM item i WHERE i.feed_id = f.id)" : "0";
        String sql = "SELECT f.id, " + items + " AS items FROM feed f" + where
                + " ORDER BY " + order + ", f.id LIMIT ? OFFSET ?";
        return tx.executeRead(s -> {
            Connection c = s.getConnection();
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM feed f" + where)) {
                bind(ps, parameters);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int next = bind(ps, parameters);
                ps.setInt(next, criteria.size());
                ps.setLong(next + 1, (long) (criteria.page() - 1) * criteria.size());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            Map<Long, Long> counts = new HashMap<>();
            if (!ids.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("SELECT feed_id, COUNT(*) FROM item WHERE feed_id IN ("
                        + PollHistory.placeholders(ids.size()) + ") GROUP BY feed_id")) {
                    bind(ps, new ArrayList<>(ids));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            counts.put(rs.getLong(1), rs.getLong(2));
                        }
                    }
                }
            }
            return new Page(total, ids, counts);
        });
    }

    private static int bind(PreparedStatement ps, List<?> parameters) throws java.sql.SQLException {
        int i = 1;
        for (Object p : parameters) {
            ps.setObject(i++, p);
        }
        return i;
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
