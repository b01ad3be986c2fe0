package tributary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tributary.catalog.CatalogLoader;
import tributary.poll.PollScheduler;
import tributary.support.Database;
import tributary.support.FeedsYml;
import tributary.support.FixtureFeedServer;

/**
 * The off-switches and the admin's hand on story clusters (issue 19), on the three publishers' real items of
 * ClusteringIntegrationTest: 8 copies, 5 stories clustered (the bar shooting from three sites, storm Fengshen from
 * two). A category with clustering: false and ?clusters=off list all 8; GET /admin/clusters/{id} shows a cluster's
 * copies; a split gives them back their own stories at once, and polling them in again does not join them again.
 * The methods run in order: the splits come last, as they change the store.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterControlsIntegrationTest implements TestPropertyProvider {

    static final String TOKEN = "test-admin-token-clusters-0123456789";
    static final String SHOOTING = "Xả súng chết nhiều người tại một quán bar ở Mỹ";
    static final String FENGSHEN = "Bão số 12 (Fengshen) áp sát Đà Nẵng, sắp dội mưa lớn dọc miền Trung";

    private final FixtureFeedServer fixtures = new FixtureFeedServer();
    private final HttpClient client = HttpClient.newHttpClient();
    private FeedsYml feedsYml;

    @Inject
    EmbeddedServer server;

    @Inject
    PollScheduler scheduler;

    @Inject
    CatalogLoader catalog;

    @Inject
    Database db;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        feedsYml = FeedsYml.write(catalogText(false));
        return feedsYml.properties("tributary.cluster.enabled", "true", "tributary.admin-token", TOKEN);
    }

    /**
     * Every feed in both categories: tong-hop clusters, tung-ban (unless clustered) lists every copy; mot-bao holds
     * Thanh Niên's feed only, whose copy speaks for the shooting.
     */
    private String catalogText(boolean tungBanClusters) {
        return """
                categories:
                  - title: Tổng hợp
                  - slug: tung-ban
                    title: Từng bản
                    clustering: %s
                  - slug: mot-bao
                    title: Một báo
                feeds:
                  - url: %s
                    categories: [tong-hop, tung-ban, mot-bao]
                  - url: %s
                    categories: [tong-hop, tung-ban]
                  - url: %s
                    categories: [tong-hop, tung-ban]
                topics:
                  - title: Bão riêng
                    query: bão
                    categories: [tung-ban]
                """.formatted(tungBanClusters, fixtures.url("cluster-thanhnien.rss"),
                fixtures.url("cluster-vnexpress.rss"), fixtures.url("cluster-tuoitre.rss"));
    }

    @BeforeAll
    void pollEveryPublisher() {
        db.clear();
        catalog.reload();
        scheduler.pollDueNow();
    }

    @AfterAll
    void stopFixtures() {
        fixtures.close();
    }

    @Test
    @Order(1)
    void aCategoryWithClusteringOffListsEveryCopyWhileTheOtherShowsClusters() throws Exception {
        assertEquals(8, db.count("SELECT COUNT(*) FROM item"));
        assertEquals(5, items("/feeds/tong-hop.json").size());
        List<JsonNode> each = items("/feeds/tung-ban.json");
        assertEquals(8, each.size(), titles(each).toString());
        for (JsonNode item : each) {
            assertEquals(1, item.get("_tributary").get("sources").size(), "one copy, one source");
        }
        // all takes in tong-hop, which clusters: the shooting is one entry there.
        assertEquals(5, items("/feeds/all.json").size());
        // A topic over tung-ban only lists every copy, like its category: both storm Fengshen copies.
        List<String> storms = titles(items("/feeds/bao-rieng.json"));
        String q = "?q=" + URLEncoder.encode("bão", StandardCharsets.UTF_8);
        assertEquals(items("/feeds/tong-hop.json" + q + "&clusters=off").size(), storms.size(), storms.toString());
        assertEquals(items("/feeds/tong-hop.json" + q).size() + 1, storms.size(), "Fengshen twice: " + storms);
        String rss = get("/feeds/tung-ban.rss").body();
        assertEquals(8, count(rss, "<item>"));
        // The reader pages follow the category's flag too.
        assertEquals(8, count(get("/c/tung-ban").body(), "<article class=\"story"));
        assertEquals(5, count(get("/c/tong-hop").body(), "<article class=\"story"));
        assertFalse(rss.contains("Cũng đưa tin:"), "no credit line where copies stand alone");
    }

    @Test
    @Order(2)
    void clustersOffListsEveryCopyInEveryFormat() throws Exception {
        assertEquals(8, items("/feeds/tong-hop.json?clusters=off").size());
        assertEquals(8, items("/feeds/all.json?clusters=off").size());
        assertEquals(8, count(get("/feeds/tong-hop.rss?clusters=off").body(), "<item>"));
        assertEquals(8, count(get("/feeds/tong-hop.atom?clusters=off").body(), "<entry>"));
        assertEquals(5, count(get("/feeds/tong-hop.atom").body(), "<entry>"), "the clustered page is cached apart");
        assertEquals(5, items("/feeds/tong-hop.json?clusters=on").size());
        assertEquals(8, items("/feeds/tong-hop.json?clusters=OFF").size(), "any case");
        assertEquals(8, items("/feeds/tong-hop.json?clusters=off&clusters=off").size(), "the same value twice");
        // The copy that speaks for a cluster keeps the cluster's id; the others show the ids they had alone.
        Set<String> clustered = ids(items("/feeds/tong-hop.json"));
        Set<String> every = ids(items("/feeds/tong-hop.json?clusters=off"));
        assertTrue(every.containsAll(clustered), every + " " + clustered);
    }

    @Test
    @Order(3)
    void clustersOffCarriesThroughPagingAndSearch() throws Exception {
        List<String> seen = new ArrayList<>();
        String next = "/feeds/tong-hop.json?clusters=off&limit=3";
        int pages = 0;
        while (next != null) {
            JsonNode feed = feed(next);
            for (JsonNode item : feed.get("items").values()) {
                seen.add(item.get("id").getStringValue());
            }
            JsonNode nextUrl = feed.get("next_url");
            next = nextUrl == null ? null : URI.create(nextUrl.getStringValue()).getRawPath() + "?"
                    + URI.create(nextUrl.getStringValue()).getRawQuery();
            if (next != null) {
                assertTrue(next.contains("clusters=off"), next);
            }
            pages++;
        }
        assertEquals(3, pages);
        assertEquals(8, seen.size());
        assertEquals(8, new HashSet<>(seen).size(), "no copy twice across pages: " + seen);
        String rss = get("/feeds/tong-hop.rss?clusters=off&limit=3").body();
        assertTrue(rss.contains("?limit=3&amp;clusters=off&amp;before="), rss);

        String q = "?q=" + URLEncoder.encode("xả súng", StandardCharsets.UTF_8);
        int one = items("/feeds/tong-hop.json" + q).size();
        assertEquals(one + 2, items("/feeds/tong-hop.json" + q + "&clusters=off").size());
        assertEquals(one + 2, items("/feeds/tong-hop.json" + q + "&since=2000-01-01&clusters=off").size());
    }

    @Test
    @Order(3)
    void theReaderPagesTakeClustersOffTooAndTheirLinksCarryIt() throws Exception {
        assertEquals(8, count(get("/c/tong-hop?clusters=off").body(), "<article class=\"story"));
        assertEquals(8, count(get("/c/tong-hop?clusters=OFF").body(), "<article class=\"story"));
        assertEquals(5, count(get("/c/tong-hop?clusters=on").body(), "<article class=\"story"));
        assertEquals(5, count(get("/c/tong-hop").body(), "<article class=\"story"), "cached apart");
        for (String bad : List.of("", "maybe", "off&clusters=on")) {
            HttpResponse<String> refused = get("/c/tong-hop?clusters=" + bad);
            assertEquals(400, refused.statusCode(), bad);
            assertEquals(400, get("/?clusters=" + bad).statusCode(), "the front page: " + bad);
        }
        // The front page: a cluster's headline names its publishers, joined by " · "; with clusters off none does,
        // and the rivers it links keep clusters off.
        String front = get("/").body();
        String off = get("/?clusters=Off").body();
        assertTrue(front.matches("(?s).*<span class=\"sources\">[^<]* · [^<]*</span>.*"), front);
        assertFalse(off.matches("(?s).*<span class=\"sources\">[^<]* · [^<]*</span>.*"), off);
        assertTrue(off.contains("href=\"/c/tong-hop?clusters=off\""), off);
        assertFalse(front.contains("clusters=off"), "cached apart");
    }

    @ParameterizedTest
    @ValueSource(strings = {"clusters=", "clusters=maybe", "clusters=0", "clusters=off&clusters=on",
            "clusters=%20", "clusters=offf"})
    @Order(4)
    void aBadClustersValueIsRefusedLikeABadQuery(String query) throws Exception {
        HttpResponse<String> answer = get("/feeds/tong-hop.json?" + query);
        assertEquals(400, answer.statusCode(), answer.body());
        assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        assertTrue(answer.body().contains("clusters must be 'on'"), answer.body());
    }

    @Test
    @Order(5)
    void switchingACategorysClusteringInTheFileShowsAtOnce() throws Exception {
        assertEquals(8, items("/feeds/tung-ban.json").size());
        try {
            feedsYml.rewrite(catalogText(true));
            catalog.reload();
            assertEquals(5, items("/feeds/tung-ban.json").size());
        } finally {
            feedsYml.restore();
            catalog.reload();
        }
        assertEquals(8, items("/feeds/tung-ban.json").size());
        String exported = admin("GET", "/admin/export/feeds.yml", null).body();
        assertTrue(exported.contains("  - slug: tung-ban\n    title: \"Từng bản\"\n    clustering: false\n"), exported);
        assertFalse(exported.contains("  - slug: tong-hop\n    title: \"Tổng hợp\"\n    clustering"), exported);
    }

    @Test
    @Order(6)
    void theAdminApiSetsAndShowsClusteringAndRefusesABadValueNamingIt() throws Exception {
        JsonNode listed = json.readValue(admin("GET", "/admin/categories", null).body(), JsonNode.class);
        for (JsonNode c : listed.values()) {
            assertEquals(!c.get("slug").getStringValue().equals("tung-ban"), c.get("clustering").getBooleanValue());
        }
        HttpResponse<String> created = admin("POST", "/admin/categories",
                "{\"title\": \"Điểm báo\", \"clustering\": false}");
        assertEquals(201, created.statusCode(), created.body());
        assertFalse(json.readValue(created.body(), JsonNode.class).get("clustering").getBooleanValue());
        HttpResponse<String> on = admin("PUT", "/admin/categories/diem-bao", "{\"clustering\": true}");
        assertTrue(json.readValue(on.body(), JsonNode.class).get("clustering").getBooleanValue(), on.body());
        HttpResponse<String> kept = admin("PUT", "/admin/categories/diem-bao", "{\"title\": \"Điểm tin\"}");
        assertTrue(json.readValue(kept.body(), JsonNode.class).get("clustering").getBooleanValue(), "left out: kept");
        for (String bad : List.of("\"no\"", "0", "[]", "{}", "\"false\"")) {
            HttpResponse<String> refused = admin("PUT", "/admin/categories/diem-bao", "{\"clustering\": " + bad + "}");
            assertEquals(400, refused.statusCode(), bad + ": " + refused.body());
            assertTrue(refused.body().contains("\"field\":\"clustering\""), refused.body());
        }
        HttpResponse<String> file = admin("PUT", "/admin/categories/tung-ban", "{\"clustering\": true}");
        assertEquals(409, file.statusCode(), file.body());
        admin("DELETE", "/admin/categories/diem-bao", null);
    }

    @Test
    @Order(7)
    void showsAClustersCopiesByItsEntryIdItsHashOrAMembersOwnId() throws Exception {
        String id = idOf(SHOOTING);
        HttpResponse<String> answer = admin("GET", "/admin/clusters/" + id, null);
        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode cluster = json.readValue(answer.body(), JsonNode.class);
        assertEquals(id, cluster.get("id").getStringValue());
        JsonNode members = cluster.get("members");
        assertEquals(3, members.size());
        Set<String> sites = new HashSet<>();
        int speakers = 0;
        int joined = 0;
        String joinedOwnId = null;
        for (JsonNode m : members.values()) {
            sites.add(m.get("site").getStringValue());
            assertTrue(m.get("item_id").getLongValue() > 0);
            assertTrue(m.get("url").getStringValue().startsWith("https://"));
            assertTrue(m.get("published").getStringValue().startsWith("2025-10-"));
            assertFalse(m.get("feed_title").getStringValue().isBlank());
            if (m.get("speaks_for_story").getBooleanValue()) {
                speakers++;
                assertEquals(SHOOTING, m.get("title").getStringValue());
            }
            if (m.get("joined").getBooleanValue()) {
                joined++;
                joinedOwnId = m.get("own_id").getStringValue();
            }
        }
        assertEquals(Set.of("thanhnien.vn", "vnexpress.net", "tuoitre.vn"), sites);
        assertEquals(1, speakers);
        assertEquals(2, joined);
        String hash = id.substring("urn:tributary:story:".length());
        assertEquals(200, admin("GET", "/admin/clusters/" + hash.toUpperCase(), null).statusCode());
        JsonNode viaMember = json.readValue(admin("GET", "/admin/clusters/" + joinedOwnId, null).body(), JsonNode.class);
        assertEquals(id, viaMember.get("id").getStringValue(), "an id shown with clusters=off finds its cluster");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0000000000000000000000000000000000000000000000000000000000000000", "42", "abc",
            "-1", "urn:tributary:story:", "99999999999999999999999999999999999999999999"})
    @Order(8)
    void anUnknownOrMalformedIdIsNotFound(String id) throws Exception {
        HttpResponse<String> answer = admin("GET", "/admin/clusters/" + URLEncoder.encode(id, StandardCharsets.UTF_8),
                null);
        assertEquals(404, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("No such cluster"), answer.body());
        assertEquals(404, admin("POST", "/admin/clusters/" + URLEncoder.encode(id, StandardCharsets.UTF_8)
                + "/split", null).statusCode());
    }

    @Test
    @Order(9)
    void failsClosedWithoutTheToken() throws Exception {
        String id = idOf(SHOOTING);
        for (String method : List.of("GET", "POST")) {
            String path = "/admin/clusters/" + id + (method.equals("POST") ? "/split" : "");
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path))
                    .method(method, HttpRequest.BodyPublishers.noBody());
            assertEquals(401, client.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode());
            request.header("Authorization", "Bearer wrong-" + TOKEN);
            assertEquals(401, client.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        }
        assertEquals(5, items("/feeds/tong-hop.json").size(), "nothing was split");
        HttpRequest list = HttpRequest.newBuilder(URI.create(server.getURL() + "/admin/clusters")).build();
        assertEquals(401, client.send(list, HttpResponse.BodyHandlers.ofString()).statusCode(), "the list too");
    }

    @Test
    @Order(9)
    void listsTheLatestClustersNewestFirstAndPagesOn() throws Exception {
        JsonNode all = json.readValue(admin("GET", "/admin/clusters", null).body(), JsonNode.class);
        List<String> listed = new ArrayList<>();
        all.get("clusters").values().forEach(c -> listed.add(c.get("id").getStringValue()));
        // The shooting (three sites, 12 October) and storm Fengshen (two); the storm's copies are the newer.
        assertEquals(List.of(idOf(FENGSHEN), idOf(SHOOTING)), listed);
        assertEquals(0, all.get("clusters").get(0).get("split_off").size(), "shown, empty, as README says");
        assertEquals(3, all.get("clusters").get(1).get("members").size());
        assertTrue(all.get("next").isNull(), "one page holds both");
        JsonNode first = json.readValue(admin("GET", "/admin/clusters?limit=1", null).body(), JsonNode.class);
        assertEquals(idOf(FENGSHEN), first.get("clusters").get(0).get("id").getStringValue());
        String next = first.get("next").getStringValue();
        JsonNode second = json.readValue(admin("GET", "/admin/clusters?limit=1&before="
                + URLEncoder.encode(next, StandardCharsets.UTF_8), null).body(), JsonNode.class);
        assertEquals(idOf(SHOOTING), second.get("clusters").get(0).get("id").getStringValue());
        // Other spellings of the same values: spaces around the limit, the date in lower case or in another offset.
        Instant at = Instant.parse(next);
        for (String spelling : List.of(next.toLowerCase(Locale.ROOT),
                OffsetDateTime.ofInstant(at, ZoneOffset.ofHours(7)).toString())) {
            JsonNode same = json.readValue(admin("GET", "/admin/clusters?limit=%201%20&before="
                    + URLEncoder.encode(spelling, StandardCharsets.UTF_8), null).body(), JsonNode.class);
            assertEquals(idOf(SHOOTING), same.get("clusters").get(0).get("id").getStringValue(), spelling);
        }
        JsonNode last = json.readValue(admin("GET", "/admin/clusters?limit=1&before="
                + URLEncoder.encode(second.get("next").getStringValue(), StandardCharsets.UTF_8), null).body(),
                JsonNode.class);
        assertEquals(0, last.get("clusters").size());
        for (String bad : List.of("limit=0", "limit=101", "limit=x", "before=yesterday", "before=2026-13-01T00:00:00Z")) {
            HttpResponse<String> refused = admin("GET", "/admin/clusters?" + bad, null);
            assertEquals(400, refused.statusCode(), bad + ": " + refused.body());
            assertTrue(refused.body().contains("\"field\":\"" + bad.substring(0, bad.indexOf('=')) + "\""),
                    refused.body());
        }
    }

    @Test
    @Order(10)
    void aSplitBodyNamingWhatIsNotAJoinedCopyIsRefusedNamingIt() throws Exception {
        String id = idOf(SHOOTING);
        JsonNode cluster = json.readValue(admin("GET", "/admin/clusters/" + id, null).body(), JsonNode.class);
        long own = -1;
        for (JsonNode m : cluster.get("members").values()) {
            if (!m.get("joined").getBooleanValue()) {
                own = m.get("item_id").getLongValue();
            }
        }
        Map<String, String> bodies = Map.of(
                "{\"items\": [" + own + "]}", "items[0]",
                "{\"items\": [\"x\"]}", "items[0]",
                "{\"items\": [999999999999999]}", "items[0]",
                "{\"items\": [1.5]}", "items[0]",
                "{\"items\": []}", "\"items\"",
                "{\"items\": 7}", "\"items\"");
        for (Map.Entry<String, String> body : bodies.entrySet()) {
            HttpResponse<String> refused = admin("POST", "/admin/clusters/" + id + "/split", body.getKey());
            assertEquals(400, refused.statusCode(), body.getKey() + ": " + refused.body());
            assertTrue(refused.body().contains("\"field\":" + (body.getValue().startsWith("\"") ? body.getValue()
                    : "\"" + body.getValue() + "\"")), refused.body());
        }
        assertEquals(5, items("/feeds/tong-hop.json").size(), "nothing was split");
        assertEquals(0, db.count("SELECT COUNT(*) FROM cluster_split"));
    }

    @Test
    @Order(11)
    void splitsNamedCopiesThenTheRestAndOutputsChangeAtOnce() throws Exception {
        String id = idOf(SHOOTING);
        assertEquals(5, items("/feeds/tong-hop.json").size());
        assertEquals(3, sourcesOf(items("/feeds/mot-bao.json"), SHOOTING));
        JsonNode cluster = json.readValue(admin("GET", "/admin/clusters/" + id, null).body(), JsonNode.class);
        long joined = -1;
        String ownId = null;
        for (JsonNode m : cluster.get("members").values()) {
            if (m.get("joined").getBooleanValue()) {
                joined = m.get("item_id").getLongValue();
                ownId = m.get("own_id").getStringValue();
            }
        }
        HttpResponse<String> first = admin("POST", "/admin/clusters/" + id + "/split", "{\"items\": [" + joined + "]}");
        assertEquals(200, first.statusCode(), first.body());
        JsonNode after = json.readValue(first.body(), JsonNode.class);
        assertEquals(2, after.get("members").size());
        assertEquals(List.of(ownId), List.of(after.get("split_off").get(0).getStringValue()));
        assertEquals(6, items("/feeds/tong-hop.json").size(), "the cached page was dropped");
        assertTrue(ids(items("/feeds/tong-hop.json")).contains(ownId), "the copy is back under the id it had");

        HttpResponse<String> rest = admin("POST", "/admin/clusters/" + id + "/split", null);
        assertEquals(200, rest.statusCode(), rest.body());
        assertEquals(1, json.readValue(rest.body(), JsonNode.class).get("members").size());
        assertEquals(7, items("/feeds/tong-hop.json").size());
        assertEquals(7, items("/feeds/all.json").size());
        assertEquals(1, sourcesOf(items("/feeds/mot-bao.json"), SHOOTING), "the staying copy's pages changed too");
        assertEquals(8, items("/feeds/tong-hop.json?clusters=off").size(), "clusters=off lists the same copies");
        // Every pair of the three publishers' stories is remembered apart.
        assertEquals(3, db.count("SELECT COUNT(*) FROM cluster_split"));
        HttpResponse<String> again = admin("POST", "/admin/clusters/" + id + "/split", null);
        assertEquals(409, again.statusCode(), again.body());
    }

    @Test
    @Order(12)
    void storiesSplitApartStayApartWhenTheirItemsArePolledInAgain() throws Exception {
        String id = idOf(FENGSHEN);
        JsonNode storm = json.readValue(admin("GET", "/admin/clusters/" + id, null).body(), JsonNode.class);
        assertEquals(2, storm.get("members").size());
        // The shooting's and the storm's younger copies are stored again, as new rows: their band keys are written
        // and linked as at first ingest.
        db.update("DELETE i FROM item i JOIN feed f ON f.id = i.feed_id WHERE f.url LIKE '%vnexpress%'"
                + " OR f.url LIKE '%tuoitre%'");
        db.update("UPDATE feed SET next_poll_at = NULL, etag = NULL, last_modified = NULL, body_hash = NULL");
        scheduler.pollDueNow();
        assertEquals(8, db.count("SELECT COUNT(*) FROM item"));
        List<JsonNode> items = items("/feeds/tong-hop.json");
        assertEquals(7, items.size(), titles(items).toString());
        for (JsonNode item : items) {
            int sources = item.get("_tributary").get("sources").size();
            if (item.get("title").getStringValue().equals(FENGSHEN)) {
                assertEquals(2, sources, "clustering joined the storm's copies again");
            } else {
                assertEquals(1, sources, item.get("title").getStringValue());
            }
        }
        assertNotEquals(0, db.count("SELECT COUNT(*) FROM item WHERE own_story_hash IS NOT NULL"));
    }

    private String idOf(String title) throws Exception {
        for (JsonNode item : items("/feeds/tong-hop.json")) {
            if (item.get("title").getStringValue().equals(title)) {
                return item.get("id").getStringValue();
            }
        }
        throw new AssertionError("no entry " + title);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(server.getURL() + path)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> admin(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Authorization", "Bearer " + TOKEN);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private JsonNode feed(String path) throws Exception {
        HttpResponse<String> answer = get(path);
        assertEquals(200, answer.statusCode(), path + ": " + answer.body());
        return json.readValue(answer.body(), JsonNode.class);
    }

    private List<JsonNode> items(String path) throws Exception {
        List<JsonNode> items = new ArrayList<>();
        feed(path).get("items").values().forEach(items::add);
        return items;
    }

    private static int sourcesOf(List<JsonNode> items, String title) {
        for (JsonNode item : items) {
            if (item.get("title").getStringValue().equals(title)) {
                return item.get("_tributary").get("sources").size();
            }
        }
        throw new AssertionError("no entry " + title);
    }

    private static List<String> titles(List<JsonNode> items) {
        return items.stream().map(i -> i.get("title").getStringValue()).toList();
    }

    private static Set<String> ids(List<JsonNode> items) {
        Set<String> ids = new HashSet<>();
        items.forEach(i -> ids.add(i.get("id").getStringValue()));
        return ids;
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            n++;
        }
        return n;
    }
}
