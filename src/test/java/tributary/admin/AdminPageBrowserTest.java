package tributary.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import org.openqa.selenium.support.ui.WebDriverWait;
import tributary.catalog.CatalogLoader;
import tributary.support.Database;
import tributary.support.FeedsYml;
import tributary.support.FixtureFeedServer;

/**
 * The admin page in a real headless Chromium: sign in, add a feed, see it polled, remove it; add one with full text,
 * edit it, and preview its latest article in the sandboxed frame.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminPageBrowserTest implements TestPropertyProvider {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

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
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @BeforeEach
    void emptyCatalog() {
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
        browser.executeScript("sessionStorage.clear()");
        browser.navigate().refresh();
        browser.findElement(By.id("token")).sendKeys(AdminApiIntegrationTest.TOKEN);
        browser.findElement(By.cssSelector("#login button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("add")));
        return wait;
    }

    @Test
    void anAdminAddsAFeedSeesItPolledAndRemovesIt() {
        WebDriverWait wait = signIn();
        assertTrue(browser.findElement(By.id("categories")).getText().contains("Thời sự (thoi-su)"));

        String url = fixtures.url("vnexpress-thoi-su.rss");
        browser.findElement(By.id("add-url")).sendKeys(url);
        browser.findElement(By.id("add-categories")).sendKeys("thoi-su");
        browser.findElement(By.id("add-button")).click();
        By row = By.cssSelector("#feeds tr[data-url='" + url + "']");
        wait.until(ExpectedConditions.presenceOfElementLocated(row));

        WebElement feed = browser.findElement(row);
        assertEquals("active", feed.findElement(By.cssSelector(".state")).getText());
        assertEquals("3", feed.findElement(By.cssSelector(".items")).getText(), "polled when added");
        assertTrue(feed.getText().contains("Thời sự - VnExpress RSS"), feed.getText());
        assertTrue(browser.findElement(By.id("message")).getText().startsWith("Added"));

        feed.findElement(By.xpath(".//button[text()='Remove']")).click();
        wait.until(ExpectedConditions.numberOfElementsToBe(row, 0));
        assertEquals(0, db.count("SELECT COUNT(*) FROM feed WHERE deleted_at IS NULL"));
    }

    @Test
    void anAdminAddsAFeedWithFullTextEditsItAndPreviewsItsLatestArticle() throws Exception {
        WebDriverWait wait = signIn();
        String url = ArticleFixtures.serveFeed(fixtures);
        browser.findElement(By.id("add-url")).sendKeys(url);
        browser.findElement(By.id("add-categories")).sendKeys("thoi-su");
        browser.findElement(By.id("add-zone")).sendKeys("Asia/Ho_Chi_Minh");
        browser.findElement(By.id("add-full-text")).click();
        browser.findElement(By.id("add-selector")).sendKeys("article.fck_detail");
        browser.findElement(By.id("add-remove")).sendKeys(".box-tinlienquan\nfigure");
        browser.findElement(By.id("add-button")).click();
        By row = By.cssSelector("#feeds tr[data-url='" + url + "']");
        wait.until(ExpectedConditions.presenceOfElementLocated(row));
        String fullText = browser.findElement(row).findElement(By.cssSelector(".fulltext")).getText();
        assertTrue(fullText.equals("on") || fullText.matches("on \\(\\d+ ok, \\d+ failed, \\d+ waiting\\)"), fullText);

        JsonNode settings = savedSettings();
        assertTrue(settings.get("full_text").getBooleanValue(), settings.toString());
        assertEquals("article.fck_detail", settings.get("full_text_selector").getStringValue());
        assertEquals(".box-tinlienquan", settings.get("full_text_remove").get(0).getStringValue());
        assertEquals("figure", settings.get("full_text_remove").get(1).getStringValue());
        assertEquals("Asia/Ho_Chi_Minh", settings.get("zone").getStringValue());

        browser.findElement(row).findElement(By.xpath(".//button[text()='Edit']")).click();
        assertEquals("article.fck_detail", browser.findElement(By.id("add-selector")).getAttribute("value"));
        browser.findElement(By.id("add-selector")).clear();
        browser.findElement(By.id("add-selector")).sendKeys("main article");
        browser.findElement(By.id("add-button")).click();
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
        browser.switchTo().frame(frame);
        String article = browser.findElement(By.tagName("body")).getText();
        browser.switchTo().defaultContent();
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
        browser.findElement(By.id("add-url")).sendKeys(url);
        browser.findElement(By.id("add-keep")).sendKeys("bão\nlũ");
        browser.findElement(By.id("add-block")).sendKeys("bão giá");
        browser.findElement(By.id("add-button")).click();
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
}
