package tributary.store;

/** What one upsert of a feed's items did; queued counts the new items whose article is now pending (full text). */
public record UpsertResult(int inserted, int updated, int unchanged, int queued) {

    public UpsertResult(int inserted, int updated, int unchanged) {
        this(inserted, updated, unchanged, 0);
    }
}
