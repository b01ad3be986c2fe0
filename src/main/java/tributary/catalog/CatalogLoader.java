package tributary.catalog;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tributary.normalize.FeedUrlRedactor;
import tributary.common.Causes;
import tributary.common.Sha256;
import tributary.store.ContentChangedEvent;

/** Reads feeds.yml at start and whenever it changes; a refused file leaves the last good list in force. */
@Singleton
public class CatalogLoader {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogLoader.class);

    private final CatalogConfig config;
    private final CatalogReconciler reconciler;
    private final ApplicationEventPublisher<ContentChangedEvent> events;
    private volatile String lastProblem;
    private volatile String lastReadHash;
    private volatile boolean startupReconciled;
    private volatile boolean retryUnchanged;

    public CatalogLoader(CatalogConfig config, CatalogReconciler reconciler,
                         ApplicationEventPublisher<ContentChangedEvent> events) {
        this.config = config;
        this.reconciler = reconciler;
        this.events = events;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        try {
            reload();
        } finally {
            startupReconciled = true;
        }
    }

    /** True once the start-up reconcile of feeds.yml ran (applied or refused): what readiness waits for. */
    public boolean startupReconciled() {
        return startupReconciled;
    }

    /**
     * Watches the file: applies it when its content differs from the last one read (applied or refused), so a save
     * takes effect within one check and a broken file is reported once, not at every check. A file refused for the
     * database's state (not its own content) is tried again at every check.
     */
    @Scheduled(fixedDelay = "${tributary.feeds-file-check-interval:2s}", initialDelay = "${tributary.feeds-file-check-interval:2s}")
    public synchronized void reloadIfChanged() {
        try {
            String text = Files.readString(Path.of(config.feedsFile()), StandardCharsets.UTF_8);
            if (retryUnchanged || !Sha256.hex(text).equals(lastReadHash)) {
                reload();
            }
        } catch (IOException e) {
            // A missing or unreadable file was reported by reload(); the database keeps serving the last good list.
        }
    }

    /** Reads and applies the file; answers the result, or empty when the file was missing or refused. */
    public synchronized Optional<ReconcileResult> reload() {
        Path path = Path.of(config.feedsFile());
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
            lastReadHash = Sha256.hex(text);
        } catch (NoSuchFileException e) {
            return refuse(path + " does not exist: create it (see README.md, 'feeds.yml') or set TRIBUTARY_FEEDS_FILE;"
                    + " serving the feeds already in the database");
        } catch (IOException e) {
            return refuse("cannot read " + path + ": " + e.getMessage() + "; serving the feeds already in the database");
        }
        FeedsFile file;
        try {
            file = FeedsFileParser.parse(text, path.toString());
        } catch (FeedsFileException e) {
            retryUnchanged = false;
            return refuse(e.getMessage() + "\nFix the file; the last good list stays in force.");
        }
        try {
            ReconcileResult result = reconciler.apply(file, lastReadHash);
            retryUnchanged = false;
            lastProblem = null;
            // Titles, categories and memberships may all have changed: every rendered feed is stale.
            events.publishEvent(new ContentChangedEvent(null));
            LOG.info("Loaded {}: {} categories, {} feeds ({} feeds and {} categories removed)", path,
                    result.categories(), result.feeds(), result.feedsRemoved(), result.categoriesRemoved());
            return Optional.of(result);
        } catch (FeedsFileException e) {
            // Refused for what the database holds (a category API feeds still use), which an admin edit can change
            // without the file changing: try again at every check until it applies.
            retryUnchanged = true;
            return refuse(e.getMessage() + "\nFix the file, or move those feeds first; the last good list stays in force.");
        } catch (Exception e) {
            // Exception: a transaction callback rethrows the driver's checked SQLException as it is.
            // The database is away, or refused the write (on Galera: conflicts past every retry, or a node outside
            // the primary component). Not fatal, at start-up either: the rows other instances wrote are served, and
            // the file is tried again at every check until it applies.
            retryUnchanged = true;
            return refuse(path + " could not be applied to the database (" + Causes.rootMessage(e)
                    + "); serving the feeds already in the database, trying again at the next check");
        }
    }

    /** SHA-256 of the feeds.yml text last read (applied or refused); null before the first read. */
    public String lastReadHash() {
        return lastReadHash;
    }

    /** The feed list's path, as configured. */
    public String feedsFile() {
        return config.feedsFile();
    }

    /** Why the last load was refused, or empty when it was applied. */
    public Optional<String> lastProblem() {
        return Optional.ofNullable(lastProblem);
    }

    private Optional<ReconcileResult> refuse(String problem) {
        // The problem may quote a feed URL, and /health shows it to anyone: without the URL's secrets.
        String redacted = FeedUrlRedactor.redactIn(problem);
        if (!redacted.equals(lastProblem)) {
            // Once per problem: a refusal retried at every check is not logged again and again.
            LOG.error(redacted);
        }
        lastProblem = redacted;
        return Optional.empty();
    }
}
