package tributary.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tributary.support.Database;
import tributary.support.FixtureFeedServer;

/**
 * The admin trial poll and OPML import with private addresses refused, as in production: a loopback feed in any
 * spelling is refused with the reason, is never requested, and leaves nothing behind.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminAddressGuardIntegrationTest implements TestPropertyProvider {

    private static final String TOKEN = "test-admin-token-guard-0123456789";

    private final FixtureFeedServer fixtures = new FixtureFeedServer();

    @Inject
    EmbeddedServer server;

    @Inject
    Database db;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("tributary.admin-token", TOKEN, "tributary.fetch.allow-private-addresses", "false");
    }

    @BeforeEach
    void emptyCatalog() {
        db.clear();
        fixtures.reset();
    }

    @AfterAll
    void stopFixtures() {
        fixtures.close();
    }

    private AdminHttp admin() {
        return new AdminHttp(server.getURL().toString(), TOKEN);
    }

    /** The fixture's URL with its host written another way. */
    private String spelled(String host) {
        return fixtures.url("vnexpress-thoi-su.rss").replace("127.0.0.1", host);
    }

    @Test
    void theTrialPollRefusesALeadingZeroLoopbackAddressWithAClearReason() throws Exception {
        HttpResponse<String> refused = admin().post("/admin/feeds", "{\"url\": \"%s\"}".formatted(spelled("0127.0.0.1")));

        assertEquals(422, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("was not added: refused: the host '0127.0.0.1' is written ambiguously"),
                refused.body());
        assertTrue(refused.body().contains("leading zero"), refused.body());
        assertEquals(0, fixtures.hits("vnexpress-thoi-su.rss"), "the loopback server was never asked");
        assertEquals(0, db.count("SELECT COUNT(*) FROM feed"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "127.0.0.1            | internal address 127.0.0.1",
            "localhost            | loopback name",
            "[::1]                | internal address",
            "2130706433           | written ambiguously",
            "[::ffff:127.0.0.1]   | written ambiguously"})
    void theTrialPollRefusesEveryOtherLoopbackSpelling(String host, String reason) throws Exception {
        HttpResponse<String> refused = admin().post("/admin/feeds", "{\"url\": \"%s\"}".formatted(spelled(host)));

        assertEquals(422, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("refused: ") && refused.body().contains(reason), refused.body());
        assertEquals(0, fixtures.hits("vnexpress-thoi-su.rss"));
        assertEquals(0, db.count("SELECT COUNT(*) FROM feed"));
    }

    @Test
    void anOpmlImportSkipsAddressesTheFetcherWouldRefuse() throws Exception {
        String opml = """
                <opml version="2.0"><body>
                <outline type="rss" text="octal" xmlUrl="%s"/>
                <outline type="rss" text="loopback" xmlUrl="%s"/>
                <outline type="rss" text="public" xmlUrl="https://feeds.example.org/rss"/>
                </body></opml>
                """.formatted(spelled("0127.0.0.1"), spelled("127.0.0.1"));

        HttpResponse<String> imported = admin().send("POST", "/admin/import/opml", opml, "text/x-opml", TOKEN);

        assertEquals(200, imported.statusCode(), imported.body());
        JsonNode report = json.readValue(imported.body(), JsonNode.class);
        assertEquals(1, report.get("added").size(), imported.body());
        assertEquals(2, report.get("skipped").size(), imported.body());
        assertTrue(report.get("skipped").get(0).get("reason").getStringValue().contains("written ambiguously"),
                imported.body());
        assertTrue(report.get("skipped").get(1).get("reason").getStringValue().contains("internal address"),
                imported.body());
    }
}
