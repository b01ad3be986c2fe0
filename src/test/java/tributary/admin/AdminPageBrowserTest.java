package tributary.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tributary.catalog.CatalogEditor;
import tributary.catalog.CatalogLoader;
import tributary.store.FeedSettings;
import tributary.store.PollHistory;
import tributary.support.AxeCore;
import tributary.support.Database;
import tributary.support.FeedsYml;
import tributary.support.FixtureFeedServer;
import tributary.support.TestClock;

/**
 * The admin console in a real headless Chromium: sign in, add a feed and see it polled, search, filter, bulk pause,
 * edit a feed in its row (a bad interval's error shown next to the field), export with the token, switch language;
 * full text and its article preview, topics, category rules; and the screenshot in docs/screenshots/admin.png.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminPageBrowserTest implements TestPropertyProvider {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path DOWNLOADS = Path.of("target/browser-downloads");

    private final FixtureFeedServer fixtures = new FixtureFeedServer();
    private ChromeDriver browser;

    @Inject
    EmbeddedServer server;

    @Inject
    Database db;

    @Inject
    CatalogLoader catalog;

    @Inject
    JsonMapper json;

    @Inject
    CatalogEditor editor;

    @Inject
    PollHistory history;

    @Inject
    TestClock clock;

    @Override
    public Map<String, String> getProperties() {
        return FeedsYml.write("categories:\n  - title: Thời sự\nfeeds: []\n")
                .properties("tributary.admin-token", AdminApiIntegrationTest.TOKEN);
    }

    @BeforeAll
    void startBrowser() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian's chromium and chromium-driver are not installed (.ci/run installs them with apt-get)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.setExperimentalOption("prefs", Map.of("download.default_directory", DOWNLOADS.toAbsolutePath().toString(),
                "download.prompt_for_download", false));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @BeforeEach
    void emptyCatalog() {
        clock.set(TestClock.START);
        db.clear();
        catalog.reload();
        fixtures.reset();
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
        fixtures.close();
    }

    /**
     * Opens the page signed in, the token typed into the form. The tab's token is dropped first: with one kept, the
     * form shows until the page's first answer hides it, and typing into it then fails.
     */
    private WebDriverWait signIn() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        browser.get(server.getURL() + "/admin");
        browser.executeScript("sessionStorage.clear(); localStorage.clear()");
        browser.navigate().refresh();
        browser.findElement(By.id("token")).sendKeys(AdminApiIntegrationTest.TOKEN);
        browser.findElement(By.cssSelector("#login button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("add")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#fleet-svg")));
        return wait;
    }

    @Test
    void anAdminAddsAFeedSeesItPolledAndRemovesIt() {
        WebDriverWait wait = signIn();
        assertTrue(browser.findElement(By.id("categories")).getText().contains("Thời sự (thoi-su)"));

        String url = fixtures.url("vnexpress-thoi-su.rss");
        add(url, "thoi-su");
        By row = By.cssSelector("#feeds tr[data-url='" + url + "']");
        wait.until(ExpectedConditions.presenceOfElementLocated(row));

        WebElement feed = browser.findElement(row);
        assertEquals("active", feed.findElement(By.cssSelector(".state")).getText());
        assertEquals("3", feed.findElement(By.cssSelector(".items")).getText(), "polled when added");
        assertTrue(feed.getText().contains("Thời sự - VnExpress RSS"), feed.getText());
        assertTrue(browser.findElement(By.id("message")).getText().startsWith("Added"));
        WebElement poll = feed.findElement(By.cssSelector(".polls rect[data-outcome='ok']"));
        String tooltip = poll.findElement(By.tagName("title")).getAttribute("textContent");
        assertTrue(tooltip.contains("HTTP 200") && tooltip.contains(" ms") && tooltip.contains("3 new"), tooltip);
        assertEquals(1, browser.findElements(By.cssSelector("#fleet-svg rect[data-outcome='ok']")).size(),
                "the fleet chart counts the poll (after the next refresh of the page's data)");

        feed.findElement(By.xpath(".//button[text()='Remove']")).click();
        wait.until(ExpectedConditions.numberOfElementsToBe(row, 0));
        assertEquals(0, db.count("SELECT COUNT(*) FROM feed WHERE deleted_at IS NULL"));
    }

    private WebElement addField(String name) {
        return browser.findElement(By.cssSelector("#add [name='" + name + "']"));
    }

    private void add(String url, String categories) {
        addField("url").sendKeys(url);
        addField("categories").sendKeys(categories);
        browser.findElement(By.cssSelector("#add .save")).click();
    }

    @Test
    void anAdminAddsAFeedWithFullTextEditsItAndPreviewsItsLatestArticle() throws Exception {
        WebDriverWait wait = signIn();
        String url = ArticleFixtures.serveFeed(fixtures);
        addField("url").sendKeys(url);
        addField("categories").sendKeys("thoi-su");
        addField("zone").sendKeys("Asia/Ho_Chi_Minh");
        addField("full_text").click();
        addField("full_text_selector").sendKeys("article.fck_detail");
        addField("full_text_remove").sendKeys(".box-tinlienquan\nfigure");
        browser.findElement(By.cssSelector("#add .save")).click();
        By row = By.cssSelector("#feeds tr[data-url='" + url + "']");
        wait.until(ExpectedConditions.presenceOfElementLocated(row));
        assertTrue(browser.findElement(row).getText().contains("full text"), browser.findElement(row).getText());

        JsonNode settings = savedSettings();
        assertTrue(settings.get("full_text").getBooleanValue(), settings.toString());
        assertEquals("article.fck_detail", settings.get("full_text_selector").getStringValue());
        assertEquals(".box-tinlienquan", settings.get("full_text_remove").get(0).getStringValue());
        assertEquals("figure", settings.get("full_text_remove").get(1).getStringValue());
        assertEquals("Asia/Ho_Chi_Minh", settings.get("zone").getStringValue());

        browser.findElement(row).findElement(By.xpath(".//button[text()='Edit']")).click();
        WebElement selector = browser.findElement(By.cssSelector("tr.editor [name='full_text_selector']"));
        assertEquals("article.fck_detail", selector.getAttribute("value"));
        selector.clear();
        selector.sendKeys("main article");
        browser.findElement(By.cssSelector("tr.editor .save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Saved " + url));
        assertEquals("main article", savedSettings().get("full_text_selector").getStringValue());
        assertEquals(2, savedSettings().get("full_text_remove").size(), "what the form showed is kept");

        browser.findElement(row).findElement(By.xpath(".//button[text()='Preview article']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("preview-facts"), "Rule: selector main article"));
        String facts = browser.findElement(By.id("preview-facts")).getText();
        assertTrue(facts.contains(ArticleFixtures.NEWEST_TITLE) && facts.contains("HTTP 200") && facts.contains(" words."),
                facts);
        assertEquals("main article", browser.findElement(By.id("preview-selector")).getAttribute("value"));
        WebElement frame = browser.findElement(By.id("preview-frame"));
        assertEquals("", frame.getAttribute("sandbox"), "sandboxed with every restriction");
        // The frame's srcdoc loads after the facts are shown: wait for its body rather than read it at once (an
        // empty body failed one CI run).
        String article = wait.until(d -> {
            d.switchTo().frame(frame);
            String text = d.findElement(By.tagName("body")).getText();
            d.switchTo().defaultContent();
            return text.isEmpty() ? null : text;
        });
        assertTrue(article.contains("Thêm điểm sạc ở các bến cuối"), article);
        assertFalse(article.contains("Tin liên quan") || article.contains("Lê Văn Lương"), article);
        assertEquals(Boolean.FALSE, browser.executeScript("return [...document.querySelectorAll('h2, p, li')]"
                + ".some((e) => e.textContent.includes('Thêm điểm sạc'))"), "the article is never live in the page");
        assertTrue(browser.findElement(By.id("preview-images")).getText().startsWith("No images"));

        browser.findElement(By.id("preview-selector")).clear();
        browser.findElement(By.id("preview-selector")).sendKeys("article[");
        browser.findElement(By.id("preview-button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("preview-problem"),
                "selector 'article[' is not a CSS selector jsoup can read"));
    }

    private JsonNode savedSettings() throws Exception {
        java.net.http.HttpResponse<String> feeds = new AdminHttp(server.getURL().toString(), AdminApiIntegrationTest.TOKEN)
                .get("/admin/feeds");
        return json.readValue(feeds.body(), JsonNode.class).get(0).get("settings");
    }

    @Test
    void aWrongTokenIsToldAndTheFormStays() {
        browser.get(server.getURL() + "/admin");
        browser.executeScript("sessionStorage.clear()");
        browser.navigate().refresh();
        browser.findElement(By.id("token")).sendKeys("wrong-token");
        browser.findElement(By.cssSelector("#login button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(
                ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "not the configured admin token"));
        assertTrue(browser.findElement(By.id("login")).isDisplayed());
    }

    @Test
    void anAdminAddsEditsAndDeletesATopicAndSetsBlockAndKeepRules() throws Exception {
        WebDriverWait wait = signIn();
        browser.findElement(By.id("topic-title")).sendKeys("Bão lũ");
        browser.findElement(By.id("topic-query")).sendKeys("bão OR lũ");
        browser.findElement(By.id("topic-categories")).sendKeys("thoi-su");
        browser.findElement(By.id("topic-button")).click();
        By row = By.cssSelector("#topics tr[data-slug='bao-lu']");
        wait.until(ExpectedConditions.presenceOfElementLocated(row));
        assertTrue(browser.findElement(row).getText().contains("bão OR lũ"), browser.findElement(row).getText());
        assertEquals(server.getURL() + "/feeds/bao-lu.rss",
                browser.findElement(row).findElement(By.linkText("RSS")).getAttribute("href"));

        browser.findElement(row).findElement(By.xpath(".//button[text()='Edit']")).click();
        assertEquals("true", browser.findElement(By.id("topic-slug")).getAttribute("readonly"));
        browser.findElement(By.id("topic-query")).clear();
        browser.findElement(By.id("topic-query")).sendKeys("lũ quét");
        browser.findElement(By.id("topic-button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(row, "lũ quét"));

        browser.findElement(row).findElement(By.xpath(".//button[text()='Delete']")).click();
        wait.until(ExpectedConditions.numberOfElementsToBe(row, 0));
        assertEquals(0, db.count("SELECT COUNT(*) FROM topic"));

        String url = fixtures.url("vnexpress-thoi-su.rss");
        addField("url").sendKeys(url);
        addField("keep").sendKeys("bão\nlũ");
        addField("block").sendKeys("bão giá");
        browser.findElement(By.cssSelector("#add .save")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#feeds tr[data-url='" + url + "']")));
        JsonNode settings = savedSettings();
        assertEquals("lũ", settings.get("keep").get(1).getStringValue(), settings.toString());
        assertEquals("bão giá", settings.get("block").get(0).getStringValue(), settings.toString());

        new AdminHttp(server.getURL().toString(), AdminApiIntegrationTest.TOKEN).post("/admin/categories",
                "{\"title\": \"Kinh doanh\"}");
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("add")));
        browser.findElement(By.xpath("//li[contains(., 'Kinh doanh')]//button[text()='Block rules…']")).click();
        browser.findElement(By.id("category-block-rules")).sendKeys("quảng cáo\nkhuyến mãi");
        browser.findElement(By.id("category-block-save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("categories"), "block: quảng cáo · khuyến mãi"));
        assertEquals("quảng cáo\nkhuyến mãi", db.string("SELECT block_rules FROM category WHERE slug = 'kinh-doanh'"));
    }

    /** Needs match.Query.parse and publish.QueryPreview: the preview lists matches, or says why the query is refused. */
    @Test
    void theTopicPreviewFollowsTheQueryAsItIsTyped() {
        WebDriverWait wait = signIn();
        browser.findElement(By.id("topic-query")).sendKeys("bão OR \"áp thấp");
        wait.until(ExpectedConditions.not(ExpectedConditions.textToBe(By.id("topic-query-problem"), "")));
        browser.findElement(By.id("topic-query")).sendKeys("\"");
        wait.until(ExpectedConditions.textToBe(By.id("topic-query-problem"), ""));
        assertTrue(browser.findElement(By.id("topic-preview-status")).getText().startsWith("No stored item matches")
                || browser.findElement(By.id("topic-preview-status")).getText().startsWith("The latest"));
    }

    /** Adds a feed through the API without polling it, with a title and, when failing, failures and an error. */
    private long feed(String path, String title, String category, int failures) {
        long id = editor.addFeed(FeedSettings.of(URI.create(fixtures.url(path))).withCategories(List.of(category)));
        db.update("UPDATE feed SET title = ?, consecutive_failures = ?, last_error = ?, last_error_at = ?,"
                        + " last_polled_at = ?, last_success_at = ?, last_status = ? WHERE id = ?", title, failures,
                failures > 0 ? "the server answered HTTP 503" : null, failures > 0 ? clock.instant() : null,
                clock.instant(), clock.instant().minus(Duration.ofHours(failures * 3L)), failures > 0 ? 503 : 200, id);
        return id;
    }

    /** Read in one script: the list is drawn again after each answer, so elements found earlier go stale. */
    @SuppressWarnings("unchecked")
    private List<String> titlesShown() {
        return (List<String>) browser.executeScript(
                "return [...document.querySelectorAll('#feeds tr[data-id] .feed-title')].map((e) => e.textContent)");
    }

    @Test
    void anAdminSearchesFiltersAndPausesSeveralFeedsAtOnce() {
        long hanoi = feed("ha-noi.rss", "VnExpress – Hà Nội", "thoi-su", 0);
        long world = feed("the-gioi.rss", "Tuổi Trẻ – Thế giới", "thoi-su", 0);
        feed("xa-hoi.rss", "Thanh Niên – Xã hội", "thoi-su", 4);
        WebDriverWait wait = signIn();
        assertEquals(3, titlesShown().size());
        assertEquals("Thanh Niên – Xã hội", titlesShown().get(0), "the failing feed first");

        browser.findElement(By.id("search")).sendKeys("ha noi");
        wait.until(d -> titlesShown().equals(List.of("VnExpress – Hà Nội")));
        browser.findElement(By.id("search")).clear();
        browser.findElement(By.id("search")).sendKeys(" ");
        wait.until(d -> titlesShown().size() == 3);

        new Select(browser.findElement(By.id("filter-state"))).selectByValue("backing-off");
        wait.until(d -> titlesShown().equals(List.of("Thanh Niên – Xã hội")));
        new Select(browser.findElement(By.id("filter-state"))).selectByValue("");
        wait.until(d -> titlesShown().size() == 3);

        for (long id : List.of(hanoi, world)) {
            browser.executeScript("document.querySelector(\"#feeds tr[data-id='" + id + "'] input.select\").click()");
        }
        assertEquals("2 selected", browser.findElement(By.id("selected-count")).getText());
        browser.findElement(By.id("bulk-pause")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Pause: 2 done"));
        assertEquals(2, db.count("SELECT COUNT(*) FROM feed WHERE enabled = FALSE"));
        wait.until(d -> browser.findElement(By.cssSelector(".tile.disabled strong")).getText().equals("2"));
        new Select(browser.findElement(By.id("filter-state"))).selectByValue("disabled");
        wait.until(d -> titlesShown().size() == 2);
    }

    @Test
    void anAdminEditsAnIntervalInPlaceAndSeesTheErrorNextToTheField() {
        long id = feed("ha-noi.rss", "VnExpress – Hà Nội", "thoi-su", 0);
        WebDriverWait wait = signIn();
        By row = By.cssSelector("#feeds tr[data-id='" + id + "']");
        browser.findElement(row).findElement(By.xpath(".//button[text()='Edit']")).click();
        WebElement interval = browser.findElement(By.cssSelector("tr.editor [name='interval']"));
        interval.sendKeys("5s");
        browser.findElement(By.cssSelector("tr.editor .save")).click();
        By error = By.cssSelector("tr.editor .field-error[data-field='interval']");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(error, "interval: "));
        assertTrue(browser.findElement(error).getText().length() > "interval: ".length());
        assertNull(db.string("SELECT interval_seconds FROM feed WHERE id = " + id));

        interval.clear();
        interval.sendKeys("30m");
        browser.findElement(By.cssSelector("tr.editor [name='title']")).clear();
        browser.findElement(By.cssSelector("tr.editor [name='title']")).sendKeys("Hà Nội (VnExpress)");
        browser.findElement(By.cssSelector("tr.editor .save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Saved"));
        assertEquals("1800", db.string("SELECT interval_seconds FROM feed WHERE id = " + id));
        assertEquals("Hà Nội (VnExpress)", db.string("SELECT title_override FROM feed WHERE id = " + id));
    }

    @Test
    void theExportsAreDownloadedWithTheToken() throws Exception {
        feed("ha-noi.rss", "VnExpress – Hà Nội", "thoi-su", 0);
        Files.createDirectories(DOWNLOADS);
        Files.deleteIfExists(DOWNLOADS.resolve("feeds.yml"));
        WebDriverWait wait = signIn();
        browser.findElement(By.id("export-yml")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Downloaded feeds.yml ("));
        wait.until(d -> Files.exists(DOWNLOADS.resolve("feeds.yml")));
        String saved = Files.readString(DOWNLOADS.resolve("feeds.yml"));
        assertTrue(saved.contains(fixtures.url("ha-noi.rss")) && saved.contains("thoi-su"), saved);
    }

    @Test
    void theLanguageSwitchesAndTheChoiceIsKept() {
        WebDriverWait wait = signIn();
        assertEquals("en", browser.findElement(By.tagName("html")).getAttribute("lang"), "the browser's language");
        assertEquals("Feeds", browser.findElement(By.id("feeds-title")).getText());
        new Select(browser.findElement(By.id("language"))).selectByValue("vi");
        wait.until(ExpectedConditions.textToBe(By.id("feeds-title"), "Nguồn tin"));
        assertEquals("vi", browser.findElement(By.tagName("html")).getAttribute("lang"));
        assertEquals("Quản trị Tributary", browser.findElement(By.tagName("h1")).getText());
        assertEquals("tạm dừng", browser.findElement(By.cssSelector(".tile.disabled")).getText().split("\n")[1]);
        browser.navigate().refresh();
        wait.until(ExpectedConditions.textToBe(By.id("feeds-title"), "Nguồn tin"));
        new Select(browser.findElement(By.id("language"))).selectByValue("en");
        wait.until(ExpectedConditions.textToBe(By.id("feeds-title"), "Feeds"));
    }

    /** The console signed in, with a feed, in both languages and at desktop and phone widths: axe-core finds nothing serious. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{1} at {0} px")
    @org.junit.jupiter.params.provider.CsvSource({"1280, vi", "375, en"})
    void theConsoleHasNoSeriousAccessibilityViolation(int width, String language) throws Exception {
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(width, 900));
        WebDriverWait wait = signIn();
        add(fixtures.url("vnexpress-thoi-su.rss"), "thoi-su");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#feeds tr[data-url]")));
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.cssSelector("select#language")))
                .selectByValue(language);
        List<AxeCore.Violation> violations = AxeCore.violations(browser);
        violations.forEach(v -> System.out.printf("axe /admin %d px %s: %s%n", width, language, v));
        List<AxeCore.Violation> serious = violations.stream().filter(AxeCore.Violation::serious).toList();
        System.out.printf("axe /admin at %d px (%s): %d violations, %d serious or critical%n", width, language,
                violations.size(), serious.size());
        assertTrue(serious.isEmpty(), "/admin at " + width + " px: " + serious);
    }

    /**
     * Writes target/screenshots/admin.png (copied to docs/screenshots/admin.png by hand): the console in Vietnamese
     * with feeds in every state, a day of polls and two weeks of items, at the real time so relative times read well.
     */
    @Test
    void aScreenshotOfTheConsoleWithRealisticData() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.set(now);
        String[][] feeds = {
                {"vnexpress-thoi-su", "VnExpress – Thời sự", "thoi-su", "0"},
                {"tuoitre-the-gioi", "Tuổi Trẻ – Thế giới", "the-gioi", "0"},
                {"thanhnien-xa-hoi", "Thanh Niên – Xã hội", "thoi-su", "0"},
                {"dantri-kinh-doanh", "Dân Trí – Kinh doanh", "kinh-doanh", "3"},
                {"zingnews-giai-tri", "Znews – Giải trí", "giai-tri", "0"},
                {"laodong-the-thao", "Lao Động – Thể thao", "the-thao", "7"},
                {"nld-ha-noi", "Người Lao Động – Hà Nội", "thoi-su", "0"},
                {"vietnamnet-cong-nghe", "VietNamNet – Công nghệ", "kinh-doanh", "0"}};
        for (String[] c : List.of(new String[] {"the-gioi", "Thế giới"}, new String[] {"kinh-doanh", "Kinh doanh"},
                new String[] {"giai-tri", "Giải trí"}, new String[] {"the-thao", "Thể thao"})) {
            new AdminHttp(server.getURL().toString(), AdminApiIntegrationTest.TOKEN).post("/admin/categories",
                    "{\"title\": \"" + c[1] + "\", \"slug\": \"" + c[0] + "\"}");
        }
        java.util.Random random = new java.util.Random(18);
        for (int f = 0; f < feeds.length; f++) {
            int failures = Integer.parseInt(feeds[f][3]);
            long id = feed(feeds[f][0] + ".rss", feeds[f][1], feeds[f][2], failures);
            for (int p = 0; p < 40; p++) {
                Instant at = now.minus(Duration.ofMinutes(15L * p + random.nextInt(10)));
                boolean failing = p < failures || (failures == 0 && random.nextInt(25) == 0);
                String outcome = failing ? "error" : random.nextInt(3) == 0 ? "ok" : "not-modified";
                history.record(id, at, outcome, failing ? 503 : outcome.equals("ok") ? 200 : 304,
                        80 + random.nextInt(900), outcome.equals("ok") ? 1 + random.nextInt(4) : 0,
                        failing ? "the server answered HTTP 503" : null);
            }
            for (int i = 0; i < 60 - f * 5; i++) {
                db.update("INSERT INTO item (feed_id, identity_hash, story_hash, content_hash, title, published_at, "
                        + "first_seen_at) VALUES (?, ?, ?, ?, 'tin', ?, ?)", id, "i" + f + "-" + i, "s" + f + "-" + i,
                        "c" + i, now.minus(Duration.ofHours(random.nextInt(14 * 24))), now);
            }
        }
        db.update("UPDATE feed SET enabled = FALSE WHERE title = 'Znews – Giải trí'");
        db.update("UPDATE feed SET gone_at = ?, last_error = 'HTTP 410: the feed is gone', last_status = 410"
                + " WHERE title = 'Lao Động – Thể thao'", now);
        signIn();
        new Select(browser.findElement(By.id("language"))).selectByValue("vi");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(
                ExpectedConditions.textToBe(By.id("feeds-title"), "Nguồn tin"));
        browser.executeScript("document.querySelector('#feeds tr[data-id] input.select').click()");
        org.openqa.selenium.Dimension size = browser.manage().window().getSize();
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1440, 1250));
        byte[] png = browser.getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
        browser.manage().window().setSize(size);
        Path target = Path.of("target/screenshots/admin.png");
        Files.createDirectories(target.getParent());
        Files.write(target, png);
        assertTrue(png.length > 10_000);
        browser.executeScript("localStorage.clear()");
    }
}
