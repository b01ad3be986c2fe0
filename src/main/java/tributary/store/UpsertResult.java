package tributary.store;

/** What one upsert of a feed's items did. */
public record UpsertResult(int inserted, int updated, int unchanged) {
}
