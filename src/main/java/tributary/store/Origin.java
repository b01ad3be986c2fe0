package tributary.store;

/** Where a feed or category row is managed: by feeds.yml or by the admin API; column() is the value in the origin column. */
public enum Origin {
    FILE("file"),
    API("api");

    private final String column;

    Origin(String column) {
        this.column = column;
    }

    public String column() {
        return column;
    }

    /** The origin a column value names. */
    public static Origin of(String column) {
        for (Origin origin : values()) {
            if (origin.column.equals(column)) {
                return origin;
            }
        }
        throw new IllegalArgumentException("unknown origin '" + column + "'");
    }
}
