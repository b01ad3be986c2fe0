package tributary.store;

/** A feed's full-text items by article state: extracted (or reused), given up, retrying after a failure, pending. */
public record ArticleCounts(long done, long failed, long retrying, long pending) {

    public static final ArticleCounts NONE = new ArticleCounts(0, 0, 0, 0);
}
