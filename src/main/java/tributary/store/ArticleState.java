package tributary.store;

/** Where a full-text item's article stands, as item.article_state holds it. */
public enum ArticleState {
    /** Its page is still to be fetched for the first time; the item may be held back from outputs meanwhile. */
    PENDING("pending"),
    /** A fetch failed (the reason is on the item); another is due at article_next_at. */
    RETRYING("retrying"),
    /** The article is stored with the item. */
    DONE("done"),
    /** Every allowed attempt failed: the item keeps its feed's summary for good. */
    FAILED("failed");

    private final String column;

    ArticleState(String column) {
        this.column = column;
    }

    /** The value stored in item.article_state. */
    public String column() {
        return column;
    }

    static ArticleState of(String column) {
        for (ArticleState state : values()) {
            if (state.column.equals(column)) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown article_state '" + column + "'");
    }
}
