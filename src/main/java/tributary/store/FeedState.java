package tributary.store;

/**
 * A feed's polling state, as the database computes it into feed.state (Flyway V2) from enabled, gone_at and
 * consecutive_failures; column() is that value, which metrics and the admin API show.
 */
public enum FeedState {
    ACTIVE("active"),
    BACKING_OFF("backing-off"),
    GONE("gone"),
    DISABLED("disabled");

    private final String column;

    FeedState(String column) {
        this.column = column;
    }

    public String column() {
        return column;
    }

    /** The state a column value names. */
    public static FeedState of(String column) {
        for (FeedState state : values()) {
            if (state.column.equals(column)) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown feed state '" + column + "'");
    }
}
