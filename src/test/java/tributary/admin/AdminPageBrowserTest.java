package tributary.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** The admin page in a real headless Chromium: sign in, add a feed, see it polled, remove it. */
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

    @Override
    public Map<String, String> getProperties() {
        return FeedsYml.write("categories:\n  - title: Thời sự\nfeeds: []\n")
                .properties("tributary.admin-token", AdminApiIntegrationTest.TOKEN);
    }

    @BeforeAll
    void startBrowser() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian's chromium and chromium-driver are not installed (.ci/run installs them with apt-get)");
        db.clear();
        catalog.reload();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
        fixtures.close();
    }

    @Test
    void anAdminAddsAFeedSeesItPolledAndRemovesIt() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        browser.get(server.getURL() + "/admin");
        browser.findElement(By.id("token")).sendKeys(AdminApiIntegrationTest.TOKEN);
        browser.findElement(By.cssSelector("#login button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("add")));
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
}
