package io.jenkins.plugins.imagefactory.cli.serve;

import static io.jenkins.plugins.imagefactory.cli.serve.ServeFixture.API_TOKEN;
import static io.jenkins.plugins.imagefactory.cli.serve.ServeFixture.APP;
import static io.jenkins.plugins.imagefactory.cli.serve.ServeFixture.BASE;
import static io.jenkins.plugins.imagefactory.cli.serve.ServeFixture.D3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The dashboard in a real browser: Debian's chromium driven through Debian's chromedriver (installed
 * by .ci/run; nothing is downloaded). What a platform engineer looks for: every image listed, the
 * pending rebuild with its due time, a failed build standing out.
 */
class DashboardBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path dir;

    ServeFixture serve;
    WebDriver browser;

    @BeforeEach
    void setUp() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("chromium and chromedriver are missing; .ci/run installs the Debian packages"
                    + " chromium and chromium-driver");
        }
        assumeTrue(installed, "chromium / chromedriver not installed");
        serve = new ServeFixture(dir);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + dir.resolve("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterEach
    void tearDown() {
        if (browser != null) {
            browser.quit();
        }
        if (serve != null) {
            serve.close();
        }
    }

    @Test
    void listsTheImagesShowsTheDueTimeAndHighlightsAFailedBuild() {
        serve.startWithEverything(dir.resolve("work")).ready();
        // A new base digest: the app's rebuild waits for its delay, so it shows when it is due.
        serve.digests.put(BASE, D3);
        serve.syncNow();
        // An urgent rebuild whose build system cannot be reached: a failed build.
        serve.post("/api/v1/images/app/rebuild", "{\"urgent\":true,\"reason\":\"CVE-2026-1234\"}",
                "Authorization", "Bearer " + API_TOKEN);
        ServeFixture.eventually("the failed build", () -> serve.get("/").body().contains("class=\"build-failed\""));

        browser.get(serve.uri("/").toString());
        List<WebElement> rows = browser.findElements(By.cssSelector("#images tr[data-ref]"));
        assertThat(rows).extracting(row -> row.getAttribute("data-ref")).contains(BASE, APP);
        assertThat(browser.findElement(By.cssSelector("tr[data-ref='" + BASE + "']")).getText()).contains("sha256:333333333333");

        WebElement failed = browser.findElement(By.cssSelector("tr[data-ref='" + APP + "'] .build-failed"));
        assertThat(failed.isDisplayed()).isTrue();
        String highlight = failed.getCssValue("color") + " " + failed.getCssValue("background-color");
        String plain = browser.findElement(By.cssSelector("tr[data-ref='" + BASE + "'] td")).getCssValue("color");
        assertThat(highlight).as("a failed build stands out from plain text").doesNotContain(plain + " rgba(0, 0, 0, 0)");

        browser.get(serve.uri("/images/app").toString());
        assertThat(browser.findElement(By.id("builds")).getText()).contains("CVE-2026-1234");
    }

    @Test
    void aPendingRebuildShowsItsDueTime() {
        serve.startWithEverything(dir.resolve("work")).ready();
        serve.digests.put(BASE, D3);
        serve.syncNow();
        browser.get(serve.uri("/").toString());
        WebElement due = browser.findElement(By.cssSelector("tr[data-ref='" + APP + "'] .rebuild-due"));
        assertThat(due.isDisplayed()).isTrue();
        assertThat(due.getText()).matches("(?s).*20\\d\\d-\\d\\d-\\d\\d.*");
    }
}
