package tributary.store;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.DatabaseMetaData;

/** What the start-up line says about the database: which one (password masked), and how much it holds. */
@Singleton
public class DatabaseSummary {

    /** The database product and where it is, and the catalog's and items' sizes. */
    public record Summary(String product, String url, long feeds, long enabledFeeds, long categories, long items) {
    }

    private final TransactionOperations<Connection> tx;
    private final FeedRepository feeds;
    private final CategoryRepository categories;

    public DatabaseSummary(TransactionOperations<Connection> tx, FeedRepository feeds, CategoryRepository categories) {
        this.tx = tx;
        this.feeds = feeds;
        this.categories = categories;
    }

    public Summary read() {
        return tx.executeRead(status -> {
            DatabaseMetaData meta = status.getConnection().getMetaData();
            return new Summary(meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion(),
                    meta.getURL().replaceAll("(?i)(password=)[^&]*", "$1***"), feeds.countByDeletedAtIsNull(),
                    feeds.countByDeletedAtIsNullAndEnabled(true), categories.count(), feeds.countItems());
        });
    }
}
