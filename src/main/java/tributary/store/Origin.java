package tributary.store;

import java.util.Locale;

/** Where a feed or category row is managed: by feeds.yml or by the admin API; column() is the origin column's value. */
public enum Origin {
    FILE,
    API;

    /** "file", "api". */
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The origin a column value names. */
    public static Origin of(String column) {
        return valueOf(column.toUpperCase(Locale.ROOT));
    }
}
