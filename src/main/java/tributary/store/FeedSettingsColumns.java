package tributary.store;

import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The one mapping of FeedSettings to the feed table's columns and back (categories live in feed_category): every
 * write and read of settings builds its SQL from NAMES, so a new setting is a column here and nowhere else in store.
 */
final class FeedSettingsColumns {

    /** The setting columns, in the order bind sets them; url and url_hash, the feed's identity, are apart. */
    static final List<String> NAMES = List.of("title_override", "interval_seconds", "enabled", "zone", "full_text",
            "full_text_selector", "full_text_remove", "keep_rules", "block_rules");

    private FeedSettingsColumns() {
    }

    /** "title_override, interval_seconds, …" */
    static String list() {
        return String.join(", ", NAMES);
    }

    /** "?, ?, …", one per column. */
    static String placeholders() {
        return NAMES.stream().map(n -> "?").collect(Collectors.joining(", "));
    }

    /** "title_override = value(title_override), …" */
    static String assignments(UnaryOperator<String> value) {
        return NAMES.stream().map(n -> n + " = " + value.apply(n)).collect(Collectors.joining(",\n  "));
    }

    /** Sets the columns' parameters from first on, in NAMES order; answers the next parameter index. */
    static int bind(PreparedStatement ps, int first, FeedSettings settings) throws SQLException {
        ps.setString(first, settings.title());
        if (settings.interval() == null) {
            ps.setNull(first + 1, Types.INTEGER);
        } else {
            ps.setLong(first + 1, settings.interval().toSeconds());
        }
        ps.setBoolean(first + 2, settings.enabled());
        ps.setString(first + 3, settings.zone() == null ? null : settings.zone().getId());
        ps.setBoolean(first + 4, settings.fullText().enabled());
        ps.setString(first + 5, settings.fullText().selector());
        // One selector per line: the form refuses a selector with a line break, so the list reads back as written.
        List<String> remove = settings.fullText().remove();
        ps.setString(first + 6, lines(remove));
        // Rules likewise: the catalog refuses a rule with a line break.
        ps.setString(first + 7, lines(settings.filters().keep()));
        ps.setString(first + 8, lines(settings.filters().block()));
        return first + NAMES.size();
    }

    /** The settings of the row the result set is on, which selected url and list(). */
    static FeedSettings read(ResultSet rs, List<String> categories) throws SQLException {
        long seconds = rs.getLong("interval_seconds");
        Duration interval = rs.wasNull() ? null : Duration.ofSeconds(seconds);
        String zone = rs.getString("zone");
        String remove = rs.getString("full_text_remove");
        FeedSettings.FullText fullText = new FeedSettings.FullText(rs.getBoolean("full_text"),
                rs.getString("full_text_selector"), fromLines(remove));
        FeedSettings.Filters filters = new FeedSettings.Filters(fromLines(rs.getString("keep_rules")),
                fromLines(rs.getString("block_rules")));
        return new FeedSettings(URI.create(rs.getString("url")), rs.getString("title_override"), categories, interval,
                rs.getBoolean("enabled"), zone == null ? null : ZoneId.of(zone), fullText, filters);
    }

    /** A list as one column, one entry per line; NULL when empty. */
    static String lines(List<String> values) {
        return values.isEmpty() ? null : String.join("\n", values);
    }

    /** A column written by {@link #lines} read back. */
    static List<String> fromLines(String column) {
        return column == null || column.isEmpty() ? List.of() : List.of(column.split("\n"));
    }
}
