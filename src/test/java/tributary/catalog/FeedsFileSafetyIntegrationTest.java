package tributary.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tributary.store.FeedSettings;
import tributary.support.Database;
import tributary.support.FeedsYml;
import tributary.support.FixtureFeedServer;

/**
 * feeds.yml cannot empty the catalog by accident, nor take a category away from feeds added through the admin API:
 * such a file is refused with its line, at start (reload) and while followed (reloadIfChanged), and the last good
 * list stays, memberships included. Real MariaDB.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedsFileSafetyIntegrationTest implements TestPropertyProvider {

    private static final String TOKEN = "safety-admin-token-0123456789";

    private final FixtureFeedServer fixtures = new FixtureFeedServer();
    private FeedsYml feedsYml;
    private String goodYaml;
    private long apiFeed;

    @Inject
    EmbeddedServer server;

    @Inject
    CatalogLoader catalog;

    @Inject
    CatalogEditor editor;

    @Inject
    Database db;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        goodYaml = """
                categories:
                  - title: Thời sự
                  - title: Thế giới
                feeds:
                  - url: %s
                    categories: [thoi-su]
                  - url: %s
                    categories: [the-gioi]
                """.formatted(fixtures.url("vnexpress-thoi-su.rss"), fixtures.url("world.json"));
        feedsYml = FeedsYml.write(goodYaml);
        // The watcher is driven by hand (reloadIfChanged), so no scheduled check races the test.
        return feedsYml.properties("tributary.admin-token", TOKEN,
                "tributary.feeds-file-check-interval", "1h");
    }

    @BeforeEach
    void goodFileAndAnApiFeedInThoiSu() throws IOException {
        db.clear();
        feedsYml.restore();
        assertTrue(catalog.reload().isPresent(), catalog.lastProblem().orElse(""));
        apiFeed = editor.addFeed(FeedSettings.of(URI.create(fixtures.url("tintuc-thoi-su.rss")))
                .withCategories(List.of("thoi-su")));
    }

    @AfterAll
    void stopFixtures() {
        fixtures.close();
    }

    private void save(String yaml) throws IOException {
        feedsYml.rewrite(yaml);
    }

    private long apiFeedMemberships() {
        return db.count("SELECT COUNT(*) FROM feed_category fc JOIN category c ON c.id = fc.category_id"
                + " WHERE c.slug = 'thoi-su' AND fc.feed_id = " + apiFeed);
    }

    private long liveFileFeeds() {
        return db.count("SELECT COUNT(*) FROM feed WHERE origin = 'file' AND deleted_at IS NULL");
    }

    private long revision() {
        return db.count("SELECT revision FROM catalog_revision");
    }

    private JsonNode status() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.getURL() + "/admin/status"))
                        .header("Authorization", "Bearer " + TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return json.readValue(response.body(), JsonNode.class);
    }

    private void assertLastGoodListStays(long revisionBefore) {
        assertEquals(2, liveFileFeeds());
        assertEquals(2, db.count("SELECT COUNT(*) FROM category"));
        assertEquals(1, apiFeedMemberships(), "the API feed keeps its category");
        assertEquals(revisionBefore, revision(), "a refused file changes nothing");
    }

    @Test
    void aFileReplacedByARenameAsEditorsAndGitSaveItIsAppliedAtTheNextCheck() throws Exception {
        // A new file written beside it and renamed over it: a new inode under the same name, which a watcher holding
        // the old file (or a single-file bind mount) would never see.
        String added = goodYaml + "  - url: " + fixtures.url("tintuc-thoi-su.rss").replace("tintuc", "renamed")
                + "\n    categories: [the-gioi]\n";
        Path replacement = feedsYml.path().resolveSibling(feedsYml.path().getFileName() + ".swp");
        Files.writeString(replacement, added, StandardCharsets.UTF_8);
        Files.move(replacement, feedsYml.path(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        catalog.reloadIfChanged();

        assertTrue(catalog.lastProblem().isEmpty(), catalog.lastProblem().orElse(""));
        assertEquals(3, liveFileFeeds(), "the renamed-in file's new feed is there");
    }

    @Nested
    class EmptiedFile {

        @Test
        void everyEntryCommentedOutIsRefusedWithItsLinesAndMembershipsStay() throws Exception {
            long before = revision();
            save("""
                    categories:
                    #  - title: Thời sự
                    #  - title: Thế giới
                    feeds:
                    #  - url: https://example.vn/a.rss
                    """);

            catalog.reloadIfChanged();

            String problem = catalog.lastProblem().orElseThrow();
            assertTrue(problem.contains(feedsYml.path() + ":1: 'categories:' has nothing under it"), problem);
            assertTrue(problem.contains(feedsYml.path() + ":4: 'feeds:' has nothing under it"), problem);
            assertTrue(problem.contains("write 'feeds: []' to list none on purpose"), problem);
            assertLastGoodListStays(before);
            JsonNode status = status();
            assertEquals(problem, status.get("feeds_file_problem").getStringValue());
            assertEquals(false, status.get("feeds_file_applied").getBooleanValue());
        }

        @Test
        void aFileEmptiedOrCutShortIsRefusedAtStartAsWhileFollowed() throws Exception {
            long before = revision();
            for (String yaml : List.of("", "# nothing here yet\n", "categories:\n  - title: Thời sự\n",
                    goodYaml.substring(0, goodYaml.indexOf("feeds:") + "feeds:".length()), "categories: []\nfeeds: ~\n")) {
                save(yaml);
                assertTrue(catalog.reload().isEmpty(), "accepted:\n" + yaml);
                assertTrue(catalog.lastProblem().orElseThrow().contains("which would remove every feed"),
                        catalog.lastProblem().get());
                assertLastGoodListStays(before);
            }
        }

        @Test
        void anExplicitEmptyListRemovesTheFileFeedsOnPurpose() throws Exception {
            save(goodYaml.substring(0, goodYaml.indexOf("feeds:")) + "feeds: []\n");

            catalog.reloadIfChanged();

            assertTrue(catalog.lastProblem().isEmpty(), catalog.lastProblem().orElse(""));
            assertEquals(0, liveFileFeeds());
            assertEquals(1, apiFeedMemberships());
            assertNull(status().get("feeds_file_problem"));
        }
    }

    @Nested
    class RemovedCategory {

        private final String withoutThoiSu = """
                # Thời sự moved into Thế giới
                categories:
                  - title: Thế giới
                feeds:
                  - url: %s
                    categories: [the-gioi]
                  - url: %s
                    categories: [the-gioi]
                """;

        private String withoutThoiSu() {
            return withoutThoiSu.formatted(fixtures.url("vnexpress-thoi-su.rss"), fixtures.url("world.json"));
        }

        @Test
        void aCategoryAnApiFeedUsesCannotBeRemovedByTheFileAtStart() throws Exception {
            long before = revision();
            save(withoutThoiSu());

            assertTrue(catalog.reload().isEmpty());

            String problem = catalog.lastProblem().orElseThrow();
            assertTrue(problem.contains(feedsYml.path() + ":2: category 'thoi-su' is gone from the list, but 1 feed added"
                    + " through the admin API uses it (#" + apiFeed + " " + fixtures.url("tintuc-thoi-su.rss") + ")"),
                    problem);
            assertTrue(problem.contains("keep it under 'categories:', or first move that feed to other categories"),
                    problem);
            assertLastGoodListStays(before);
            assertEquals(2, db.count("SELECT COUNT(*) FROM feed_category fc JOIN category c ON c.id = fc.category_id"
                    + " WHERE c.slug = 'thoi-su'"), "the file feed stays in it too: nothing was applied");
        }

        @Test
        void whileFollowedTheRefusalHoldsUntilTheApiFeedIsMovedThenTheSameFileApplies() throws Exception {
            long before = revision();
            save(withoutThoiSu());

            catalog.reloadIfChanged();
            catalog.reloadIfChanged();

            assertTrue(catalog.lastProblem().orElseThrow().contains("category 'thoi-su' is gone"));
            assertLastGoodListStays(before);
            assertTrue(status().get("feeds_file_problem").getStringValue().contains(":2: category 'thoi-su'"));

            editor.updateFeed(apiFeed, settings -> settings.withCategories(List.of("the-gioi")));
            catalog.reloadIfChanged();

            assertTrue(catalog.lastProblem().isEmpty(), catalog.lastProblem().orElse(""));
            assertEquals(0, db.count("SELECT COUNT(*) FROM category WHERE slug = 'thoi-su'"));
            assertEquals(3, db.count("SELECT COUNT(*) FROM feed_category fc JOIN category c ON c.id = fc.category_id"
                    + " WHERE c.slug = 'the-gioi'"));
        }

        @Test
        void aCategoryOnlyFileFeedsOrRemovedApiFeedsUseIsRemovedAsBefore() throws Exception {
            editor.deleteFeed(apiFeed, false);
            save(withoutThoiSu());

            catalog.reloadIfChanged();

            assertTrue(catalog.lastProblem().isEmpty(), catalog.lastProblem().orElse(""));
            assertEquals(0, db.count("SELECT COUNT(*) FROM category WHERE slug = 'thoi-su'"));
        }
    }
}
