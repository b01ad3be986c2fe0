package tributary.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import tributary.catalog.CatalogLoader;
import tributary.poll.PollScheduler;
import tributary.support.Database;
import tributary.support.FeedsYml;
import tributary.support.FixtureFeedServer;
import tributary.support.AxeCore;
import tributary.support.TestClock;

/**
 * The reader pages in a real headless Chromium at desktop (1280 px) and phone (375 px) widths: no sideways scrolling,
 * headlines shown, the language switch, and no serious or critical axe-core violation. With
 * -Dtributary.screenshots=docs/screenshots it also writes the README's screenshots there.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReaderPagesBrowserTest implements TestPropertyProvider {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final List<String> PAGES = List.of("/", "/c/thoi-su", "/c/the-thao", "/c/all", "/c/ha-noi",
            "/c/khong-co");

    private final FixtureFeedServer fixtures = new FixtureFeedServer();
    private ChromeDriver browser;

    @Inject
    EmbeddedServer server;

    @Inject
    PollScheduler scheduler;

    @Inject
    CatalogLoader catalog;

    @Inject
    Database db;

    @Inject
    TestClock clock;

    @Override
    public Map<String, String> getProperties() {
        return FeedsYml.write(ReaderFixtures.serve(fixtures)).properties();
    }

    @BeforeAll
    void startBrowserAndIngest() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian's chromium and chromium-driver are not installed (.ci/run installs them with apt-get)");
        db.clear();
        clock.set(TestClock.START);
        catalog.reload();
        scheduler.pollDueNow();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,900", "--hide-scrollbars", "--font-render-hinting=none");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
        fixtures.close();
    }

    /** Opens the page in a viewport this wide (a phone emulated as one: touch, meta viewport), in that language. */
    private void open(String path, int width, int height, String acceptLanguage) {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", width < 600 ? 2 : 1, "mobile", width < 600));
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand("Network.setExtraHTTPHeaders",
                Map.of("headers", Map.of("Accept-Language", acceptLanguage)));
        browser.get(server.getURL() + path);
    }

    private long number(String script) {
        return ((Number) browser.executeScript(script)).longValue();
    }

    @ParameterizedTest(name = "{0} at {1} px")
    @CsvSource({"/, 1280", "/, 375", "/c/thoi-su, 1280", "/c/thoi-su, 375", "/c/the-thao, 375", "/c/all, 375",
            "/c/ha-noi, 375", "/c/khong-co, 375"})
    void fitsTheWidthWithoutSidewaysScrollingAndShowsTheHeadlines(String path, int width) {
        open(path, width, 800, "vi");
        long scrollWidth = number("return document.documentElement.scrollWidth");
        long innerWidth = number("return window.innerWidth");
        assertEquals(width, innerWidth, "the viewport is as wide as asked");
        assertTrue(scrollWidth <= innerWidth, path + " at " + width + " px scrolls sideways: " + scrollWidth);
        assertEquals(1, browser.findElements(By.tagName("h1")).size());
        if (!path.equals("/c/khong-co")) {
            int headlines = browser.findElements(By.cssSelector(".headline-title a, .story h2 a")).size();
            assertTrue(headlines >= 2, path + ": " + headlines + " headlines");
        }
        if (path.equals("/c/thoi-su")) {
            assertTrue(browser.findElement(By.tagName("main")).getText().contains(ReaderFixtures.SHARED_SOURCES));
        }
    }

    @Test
    void switchesLanguageWithTheBrowsersPreference() {
        open("/c/thoi-su", 1280, 800, "en-US,en;q=0.9");
        assertEquals("en", browser.findElement(By.tagName("html")).getAttribute("lang"));
        assertTrue(browser.findElement(By.tagName("main")).getText().contains("3 minutes ago"));
        assertEquals("Skip to main content", browser.findElement(By.cssSelector("a.skip")).getAttribute("textContent"));
        open("/c/thoi-su", 1280, 800, "vi-VN,vi");
        assertEquals("vi", browser.findElement(By.tagName("html")).getAttribute("lang"));
        assertTrue(browser.findElement(By.tagName("main")).getText().contains("3 phút trước"));
        open("/c/thoi-su", 1280, 800, "fr-FR");
        assertEquals("vi", browser.findElement(By.tagName("html")).getAttribute("lang"), "tributary.ui.language");
    }

    @Test
    void loadsThePicturesAndTheStylesheetUnderTheContentSecurityPolicy() {
        open("/c/thoi-su", 1280, 2400, "vi");
        waitForImages();
        long broken = number("return Array.from(document.images).filter(i => i.naturalWidth === 0).length");
        assertEquals(0, broken, "every picture loads from the publisher's host");
        assertEquals("rgb(13, 59, 46)", browser.executeScript(
                "return getComputedStyle(document.querySelector('header.site')).backgroundColor"), "site.css applies");
    }

    @ParameterizedTest(name = "{0} at {1} px")
    @CsvSource({"/, 1280, vi", "/, 375, en", "/c/thoi-su, 1280, en", "/c/thoi-su, 375, vi", "/c/the-thao, 375, vi",
            "/c/all, 1280, vi", "/c/ha-noi, 375, en", "/c/khong-co, 375, vi", "/c/the-thao?before=0-0, 375, vi"})
    void hasNoSeriousAccessibilityViolation(String path, int width, String language) throws Exception {
        open(path, width, 800, language);
        List<AxeCore.Violation> violations = AxeCore.violations(browser);
        List<AxeCore.Violation> serious = violations.stream().filter(AxeCore.Violation::serious).toList();
        violations.forEach(v -> System.out.printf("axe %s %s %s: %s%n", path, width, language, v));
        System.out.printf("axe %s at %d px (%s): %d violations, %d serious or critical%n", path, width, language,
                violations.size(), serious.size());
        assertTrue(serious.isEmpty(), path + " at " + width + " px: " + serious);
    }

    /**
     * Writes docs/screenshots/front.png, river-desktop.png and river-phone.png when -Dtributary.screenshots names a
     * folder; otherwise does nothing, so the README's pictures change only when someone asks.
     */
    @Test
    void writesTheScreenshotsWhenAsked() throws IOException {
        String folder = System.getProperty("tributary.screenshots");
        Assumptions.assumeTrue(folder != null && !folder.isBlank(), "-Dtributary.screenshots=<folder> not given");
        Path out = Path.of(folder);
        Files.createDirectories(out);
        screenshot("/", 1280, 1500, out.resolve("front.png"));
        screenshot("/c/thoi-su", 1280, 1400, out.resolve("river-desktop.png"));
        screenshot("/c/thoi-su", 375, 1500, out.resolve("river-phone.png"));
    }

    private void screenshot(String path, int width, int maxHeight, Path file) throws IOException {
        open(path, width, 800, "vi");
        long height = Math.min(maxHeight, number("return document.documentElement.scrollHeight"));
        open(path, width, (int) height, "vi");
        waitForImages();
        Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
    }

    private void waitForImages() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && !(Boolean) browser.executeScript(
                "return Array.from(document.images).every(i => i.complete)")) {
            Thread.onSpinWait();
        }
    }
}
