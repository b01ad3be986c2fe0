package tributary.catalog;

/** What applying feeds.yml to the database did. */
public record ReconcileResult(int categories, int feeds, int feedsRemoved, int categoriesRemoved) {
}
