package tributary.catalog;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import tributary.store.CatalogRevisions;
import tributary.store.CatalogWrites;
import tributary.store.Conflicts;
import tributary.store.TopicWrites;
import tributary.store.UtcTimes;

/**
 * Makes the database's file-managed categories, feeds and topics equal to a validated feeds.yml, in one transaction.
 * Rows added through the admin API (origin 'api') are never changed by it; a feed removed from the file is
 * soft-deleted (no longer polled, its items kept) and comes back if the file names it again.
 */
@Singleton
public class CatalogReconciler {

    private final TransactionOperations<Connection> tx;
    private final Clock clock;
    private final CatalogRevisions revisions;
    private final CatalogWrites writes;
    private final CategoriesInUse inUse;
    private final TopicWrites topicWrites;
    private final TopicChecks topicChecks;
    private final Conflicts conflicts;

    public CatalogReconciler(TransactionOperations<Connection> tx, Clock clock, CatalogRevisions revisions,
                             CatalogWrites writes, CategoriesInUse inUse, TopicWrites topicWrites,
                             TopicChecks topicChecks, Conflicts conflicts) {
        this.conflicts = conflicts;
        this.topicWrites = topicWrites;
        this.topicChecks = topicChecks;
        this.tx = tx;
        this.clock = clock;
        this.revisions = revisions;
        this.writes = writes;
        this.inUse = inUse;
    }

    /**
     * Applies the file; fileHash (SHA-256 of its text) is recorded as the list in force. Safe when every instance
     * does it: the revision bump comes first and holds the catalog row lock to commit, so reconciles (and admin edits)
     * of several instances run one after another, each making the rows equal to its file, never interleaved.
     *
     * @throws FeedsFileException when the file would remove a category that feeds added through the API still use,
     *                            or its topics clash with (or look in missing) categories and topics of the API;
     *                            nothing is changed then
     */
    public ReconcileResult apply(FeedsFile file, String fileHash) throws FeedsFileException {
        try {
            // On Galera the revision's row lock orders reconciles only within one node: two nodes' reconciles (or a
            // reconcile and another node's poll of a feed it relinks) both commit locally and one loses
            // certification. It was undone whole; run again, it usually finds the file already applied.
            return conflicts.retry("reconcile", () -> applyInTransaction(file, fileHash));
        } catch (Refused refused) {
            throw refused.exception;
        }
    }

    private ReconcileResult applyInTransaction(FeedsFile file, String fileHash) {
        LocalDateTime now = UtcTimes.toColumn(clock.instant());
        List<CatalogWrites.FileCategory> categories = file.categories().stream()
                .map(c -> new CatalogWrites.FileCategory(c.slug(), c.title(), c.description(), c.block(),
                        c.clustering(), c.line()))
                .toList();
        List<TopicWrites.FileTopic> topics = file.topics().stream()
                .map(t -> new TopicWrites.FileTopic(t.slug(), t.title(), t.query(), t.categories(), t.line())).toList();
        List<CatalogWrites.FileFeed> feeds = file.feeds().stream()
                .map(f -> new CatalogWrites.FileFeed(f.settings(), f.line())).toList();
        ReconcileResult unchanged = new ReconcileResult(file.categories().size(), file.feeds().size(), 0, 0);
        if (fileHash.equals(revisions.current().fileHash())) {
            // Applied already (by this instance before a restart, or by another one): writing the same rows again
            // would only collide, on Galera, with other instances' writes. Edits through the API never change a
            // file row, and every other file would have replaced the hash.
            return unchanged;
        }
        return tx.executeWrite(status -> {
            revisions.bump(fileHash);
            // Checked under the catalog lock the bump holds, so no admin edit slips in between check and delete.
            List<FeedsFileException.Problem> problems = new ArrayList<>(inUse.removedByFile(file));
            problems.addAll(topicChecks.problems(file));
            if (!problems.isEmpty()) {
                throw new Refused(new FeedsFileException(file.name(), problems));
            }
            int categoriesRemoved = writes.upsertFileCategories(categories, now);
            int feedsRemoved = writes.upsertFileFeeds(feeds, now);
            writes.relinkFileFeeds(feeds);
            topicWrites.upsertFileTopics(topics, now);
            return new ReconcileResult(file.categories().size(), file.feeds().size(), feedsRemoved, categoriesRemoved);
        });
    }

    /** Carries a refusal out of the transaction, rolling it back (the revision bump included). */
    private static final class Refused extends RuntimeException {
        private final FeedsFileException exception;

        Refused(FeedsFileException exception) {
            super(exception.getMessage(), null, false, false);
            this.exception = exception;
        }
    }
}
