package io.jenkins.plugins.imagefactory.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.imagefactory.cli.testing.BuilderStandIn;
import io.jenkins.plugins.imagefactory.cli.testing.Estate;
import io.jenkins.plugins.imagefactory.testing.LocalRegistryExtension;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The dashboard in a real browser (Debian's chromium through Debian's chromedriver, installed by
 * .ci/run; nothing is downloaded), over a real serve with real parts, in a window 800 px wide.
 * What an operator looks for: every image with where it stands and why, what needs attention, a
 * picture of what builds on what, and a page that keeps itself current.
 */
class DashboardBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String SECONDS = "20\\d\\d-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC";

    @RegisterExtension
    static final LocalRegistryExtension REGISTRY = LocalRegistryExtension.anonymous();

    @TempDir
    Path dir;

    Estate estate;
    RealServe serve;
    WebDriver browser;

    @BeforeEach
    void setUp() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("chromium and chromedriver are missing; .ci/run installs the Debian packages"
                    + " chromium and chromium-driver");
        }
        assumeTrue(installed, "chromium / chromedriver not installed");
        estate = new Estate(REGISTRY.registry(), dir, "dash");
        serve = new RealServe(estate).start();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + dir.resolve("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        browser.manage().window().setSize(new Dimension(800, 900));
    }

    @AfterEach
    void tearDown() {
        if (browser != null) {
            browser.quit();
        }
        if (serve != null) {
            serve.close();
        }
        if (estate != null) {
            estate.close();
        }
    }

    Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    WebElement row(String ref) {
        return browser.findElement(By.cssSelector("tr[data-ref='" + ref + "']"));
    }

    @Test
    void theOverviewShowsWhereEachImageStandsWhyAndWhatNeedsAttentionAt800Pixels() {
        // A new upstream digest: platform waits for its delay; app's build is refused by its builder.
        estate.push("upstream/python:3.12");
        estate.builder.mode(BuilderStandIn.Mode.FAIL);
        serve.write("/api/v1/images/app/rebuild", "{\"urgent\":true,\"reason\":\"CVE-2026-4242\"}");
        RealServe.eventually("the failed build", () -> serve.row("app").path("lastBuildStatus").asText().equals("failed"));
        estate.merge(Map.of("images/worker.yaml", estate.enrollment("worker", "team/worker", "1", "worker/Dockerfile", "")
                .replace("{webhook:", "{webhok:")), "a typo");
        serve.configPushed();

        browser.get(serve.uri("/").toString());
        assertThat(browser.findElements(By.cssSelector("#images tr[data-ref]"))).extracting(r -> r.getAttribute("data-ref"))
                .containsExactlyInAnyOrder(estate.ref("platform/base:1"), estate.ref("team/app:1"), estate.ref("team/worker:1"),
                        estate.ref("upstream/python:3.12"));
        assertThat((Boolean) js("return document.documentElement.scrollWidth <= window.innerWidth"))
                .as("nothing sticks out of an 800 px window").isTrue();

        WebElement banner = browser.findElement(By.id("problems"));
        assertThat(banner.isDisplayed()).isTrue();
        assertThat(banner.getText()).contains("images/worker.yaml:5:9: build.webhok: unknown field")
                .contains("cycles run on the last good config");

        WebElement platform = row(estate.ref("platform/base:1"));
        assertThat(platform.findElement(By.cssSelector(".rebuild-due")).getText()).matches("due " + SECONDS);
        assertThat(platform.findElement(By.cssSelector("ul.causes")).getText()).contains(estate.ref("upstream/python:3.12"))
                .containsPattern("since " + SECONDS + ", eligible " + SECONDS);
        assertThat(platform.findElement(By.cssSelector(".build")).getText()).contains("webhook · delay 1h · base/Dockerfile in ");

        WebElement app = row(estate.ref("team/app:1"));
        WebElement failed = app.findElement(By.cssSelector(".build-failed"));
        assertThat(failed.getCssValue("color")).as("a failed build stands out").isEqualTo("rgba(198, 40, 40, 1)");
        assertThat(app.findElement(By.cssSelector(".last-build")).getText()).containsPattern("finished " + SECONDS)
                .contains("no such build job");
        assertThat(app.findElement(By.cssSelector(".urgent")).getAttribute("title")).isEqualTo("CVE-2026-4242");

        WebElement upstream = row(estate.ref("upstream/python:3.12"));
        assertThat(upstream.findElement(By.cssSelector(".rebuild")).getText()).isEqualTo("not built here (a base)");
        assertThat(upstream.findElement(By.cssSelector(".last-build")).getText()).isEqualTo("—");

        assertThat(browser.findElements(By.cssSelector("#estate svg g.node"))).hasSize(4);
        assertThat(browser.findElements(By.cssSelector("#estate svg path.edge"))).extracting(e -> e.getAttribute("data-to"))
                .containsExactlyInAnyOrder(estate.ref("platform/base:1"), estate.ref("team/app:1"), estate.ref("team/worker:1"));
        assertThat(browser.findElement(By.cssSelector("#estate g.node[data-ref='" + estate.ref("team/app:1") + "']"))
                .getAttribute("class")).contains("failing");
        assertThat(browser.findElement(By.cssSelector("#estate g.node[data-ref='" + estate.ref("upstream/python:3.12") + "']"))
                .getAttribute("class")).contains("base");

        assertThat(browser.findElements(By.cssSelector("header a"))).extracting(a -> a.getAttribute("pathname"))
                .contains("/healthz", "/metrics", "/api/v1/images");
        HttpResponse<String> icon = serve.get("/favicon.ico");
        assertThat(icon.statusCode()).isEqualTo(200);
        assertThat(icon.headers().firstValue("Content-Type")).hasValue("image/svg+xml");
    }

    @Test
    void thePageKeepsItselfCurrentWithoutReloading() {
        estate.merge(Map.of("images/worker.yaml", estate.enrollment("worker", "team/worker", "1", "worker/Dockerfile", "")
                .replace("{webhook:", "{webhok:")), "a typo");
        serve.configPushed();
        browser.get(serve.uri("/").toString());
        assertThat(browser.findElements(By.id("problems"))).hasSize(1);
        js("window.sameDocument = true;");

        estate.merge(Map.of("images/worker.yaml", estate.enrollment("worker", "team/worker", "1", "worker/Dockerfile", "")),
                "fix the typo");
        serve.configPushed();
        RealServe.eventually("the banner to go without a reload", () -> browser.findElements(By.id("problems")).isEmpty());
        assertThat((Boolean) js("return window.sameDocument === true")).as("updated in place, scroll kept").isTrue();
        assertThat(browser.findElement(By.id("as-of")).getText()).containsPattern("status as of " + SECONDS
                + "; this page refreshes every 10 s");
    }

    @Test
    void aRefreshKeepsWhatIsBeingTypedIntoTheSearchWhileTheTableBelowItChanges() {
        browser.get(serve.uri("/").toString());
        js("window.sameDocument = true;");
        WebElement search = browser.findElement(By.cssSelector("#filter input[name='q']"));
        search.click();
        search.sendKeys("team/ap");
        String asOf = browser.findElement(By.id("as-of")).getText();
        estate.builder.stop();
        serve.write("/api/v1/images/platform/rebuild", "{\"urgent\":true,\"reason\":\"CVE-2026-6161\"}");
        RealServe.eventually("the failed dispatch", () -> serve.row("platform").path("rebuildStatus").asText()
                .equals("dispatch-failed"));

        // The table is replaced every 10 s, so a row is read in one script, never held across calls.
        String platformRow = "var r = document.querySelector(\"tr[data-ref='" + estate.ref("platform/base:1") + "']\");";
        RealServe.eventually("a refresh showing the failed dispatch",
                () -> "failing".equals(js(platformRow + " return r && r.getAttribute('data-standing');")));

        assertThat((Boolean) js("return window.sameDocument === true")).as("refreshed in place").isTrue();
        assertThat(browser.findElement(By.id("as-of")).getText()).isNotEqualTo(asOf);
        WebElement after = browser.findElement(By.cssSelector("#filter input[name='q']"));
        assertThat(after.getAttribute("value")).as("the half-typed search survives the refresh").isEqualTo("team/ap");
        assertThat((Boolean) js("return document.activeElement === document.querySelector(\"#filter input[name='q']\")"))
                .as("and keeps the focus").isTrue();
        @SuppressWarnings("unchecked")
        List<String> platform = (List<String>) js(platformRow + " return [r.getAttribute('data-standing'),"
                + " getComputedStyle(r).backgroundColor, r.querySelector('.problems').innerText];");
        assertThat(platform.get(0)).isEqualTo("failing");
        assertThat(platform.get(1)).as("a failing row stands out").isEqualTo("rgb(255, 240, 240)");
        assertThat(platform.get(2)).contains("failing")
                .containsPattern("dispatch failed \\(will retry at " + SECONDS + "\\): webhook .* unreachable");
    }

    @Test
    void anImagesPageShowsItsConfigHistoryBuildsAndWhatBuildsOnWhat() {
        estate.builder.mode(BuilderStandIn.Mode.ACCEPT);
        serve.write("/api/v1/images/app/rebuild", "{\"urgent\":true,\"reason\":\"CVE-2026-5151\"}");
        RealServe.eventually("app's build", () -> !serve.row("app").path("lastBuildKey").asText().isEmpty());
        String oldDigest = serve.row("platform").path("digest").asText();
        String newDigest = estate.push("platform/base:1");
        serve.configPushed();

        browser.get(serve.uri("/images/platform").toString());
        String facts = browser.findElement(By.tagName("dl")).getText();
        assertThat(facts).contains("Source").contains("branch main, Dockerfile base/Dockerfile")
                .contains("webhook (a build without a result counts as timed out after 6h)")
                .contains("delay 1h, automatic, platforms linux/amd64");
        List<WebElement> history = browser.findElements(By.cssSelector("#history tbody tr"));
        assertThat(history).hasSize(2);
        assertThat(browser.findElements(By.cssSelector("#history tr.current"))).singleElement()
                .satisfies(current -> assertThat(current.getText()).contains(newDigest).contains("current"));
        assertThat(history.get(1).getText()).contains(oldDigest).doesNotContain("current");
        assertThat(browser.findElement(By.cssSelector("#graph g.node.focus")).getAttribute("data-ref"))
                .isEqualTo(estate.ref("platform/base:1"));
        assertThat(browser.findElements(By.cssSelector("#graph g.node"))).extracting(n -> n.getAttribute("data-ref"))
                .containsExactlyInAnyOrder(estate.ref("upstream/python:3.12"), estate.ref("platform/base:1"),
                        estate.ref("team/app:1"), estate.ref("team/worker:1"));
        assertThat((Boolean) js("return document.documentElement.scrollWidth <= window.innerWidth")).isTrue();

        browser.findElement(By.cssSelector("#graph g.node[data-ref='" + estate.ref("team/app:1") + "']")).click();
        RealServe.eventually("app's page", () -> browser.getCurrentUrl().endsWith("/images/app"));
        WebElement build = browser.findElement(By.cssSelector("#builds tbody tr"));
        assertThat(build.getText()).contains("urgent").contains("CVE-2026-5151").containsPattern(SECONDS);
        assertThat(browser.findElement(By.id("dependents")).getText()).contains("none: no enrolled image builds on it");
    }
}
