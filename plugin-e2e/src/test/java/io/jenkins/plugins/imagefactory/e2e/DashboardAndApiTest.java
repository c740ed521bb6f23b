package io.jenkins.plugins.imagefactory.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.jenkins.plugins.imagefactory.image.Platform;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The dashboard and the JSON API as each kind of user meets them (matrix-auth, set up through
 * configuration as code): anonymous sees nothing, Overall/Read sees images and their state, Image
 * Factory/View also the registry tags and build runs the controller fetches with its own
 * credentials, Image Factory/Rebuild may ask for rebuilds. GitHub is WireMock answering as its
 * REST API documents; the registry is real.
 */
@ExtendWith(RealJenkinsExtension.class)
class DashboardAndApiTest {

    private static final String IMAGE = "api-app";
    /** An image whose GitHub answers every dispatch with 503. */
    private static final String BROKEN = "broken-app";
    private static final String API = "image-factory/api/v1/images/";
    private static WireMockServer github;

    /** GitHub's answers for a repository and its {@code build.yml} workflow, shaped as its REST API documents them. */
    private static void repositoryWithWorkflow(String name, long repositoryId, long workflowId) {
        github.stubFor(get("/repos/acme/" + name).willReturn(okJson("""
                {"id": %2$d, "name": "%3$s", "full_name": "acme/%3$s", "owner": {"login": "acme", "id": 1},
                 "url": "%1$s/repos/acme/%3$s", "html_url": "https://github.com/acme/%3$s", "default_branch": "main"}
                """.formatted(github.baseUrl(), repositoryId, name))));
        github.stubFor(get("/repos/acme/" + name + "/actions/workflows/build.yml").willReturn(okJson("""
                {"id": %2$d, "node_id": "MDg6V29ya2Zsb3c%2$d", "name": "Build", "path": ".github/workflows/build.yml",
                 "state": "active", "url": "%1$s/repos/acme/%3$s/actions/workflows/%2$d",
                 "html_url": "https://github.com/acme/%3$s/blob/main/.github/workflows/build.yml",
                 "badge_url": "https://github.com/acme/%3$s/workflows/Build/badge.svg",
                 "created_at": "2020-01-08T23:48:37.000-08:00", "updated_at": "2020-01-08T23:50:21.000-08:00"}
                """.formatted(github.baseUrl(), workflowId, name))));
    }

    @BeforeAll
    static void enroll(Controller controller) {
        github = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        github.start();
        repositoryWithWorkflow("api-app", 1296269, 161335);
        github.stubFor(get(urlPathMatching("/repos/acme/api-app/actions/workflows/(161335|build.yml)/runs")).willReturn(okJson("""
                {"total_count": 1, "workflow_runs": [{"id": 30433642, "name": "Build", "node_id": "MDEyOldvcmtmbG93IFJ1bjI2OTI4OQ==",
                 "head_branch": "main", "head_sha": "acb5820ced9479c074f688cc328bf03f341a511d", "path": ".github/workflows/build.yml@main",
                 "run_number": 562, "event": "workflow_dispatch", "status": "completed", "conclusion": "failure",
                 "workflow_id": 161335, "url": "%1$s/repos/acme/api-app/actions/runs/30433642",
                 "html_url": "https://github.com/acme/api-app/actions/runs/30433642",
                 "created_at": "2026-11-30T10:00:00Z", "updated_at": "2026-11-30T10:04:00Z", "run_started_at": "2026-11-30T10:00:05Z",
                 "run_attempt": 1}]}
                """.formatted(github.baseUrl()))));
        github.stubFor(post(urlPathMatching("/repos/acme/api-app/actions/workflows/(161335|build.yml)/dispatches"))
                .willReturn(aResponse().withStatus(204)));
        repositoryWithWorkflow("broken-app", 1296270, 161336);
        github.stubFor(post(urlPathMatching("/repos/acme/broken-app/actions/workflows/(161336|build.yml)/dispatches"))
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                        .withBody("{\"message\": \"Service Unavailable\"}")));

        String registry = controller.registry.host();
        controller.registry.pusher().pushImage("api/base", "1", Platform.LINUX_AMD64);
        controller.registry.pusher().pushImage("api/app", "1", Platform.LINUX_AMD64);
        controller.registry.pusher().pushImage("api/app", "2", Platform.LINUX_AMD64);
        controller.sources.commit("main", Controller.files("api/Dockerfile", "FROM " + registry + "/api/base:1\n"),
                "api Dockerfile");
        controller.commitAndSync(Controller.files(
                "image-factory.yaml", controller.settingsYaml("", """
                        buildSystems:
                          github: {apiUrl: "%s", credentials: GITHUB_TOKEN}
                        """.formatted(github.baseUrl())),
                "images/api.yaml", """
                        name: %s
                        image: %s/api/app
                        tags: ["1"]
                        source: {repository: "%s", dockerfile: api/Dockerfile}
                        rebuild: {delay: 30d}
                        build: {github-actions: {repository: acme/api-app, workflow: build.yml}}
                        """.formatted(IMAGE, registry, controller.git.url("sources"))), "enroll api-app");
        controller.enroll(BROKEN, "broken", "{github-actions: {repository: acme/broken-app, workflow: build.yml}}",
                "{delay: 30d}");
    }

    /** What the runs route asks GitHub for (the engine's own look-ups of a dispatched run filter by creation time). */
    private static com.github.tomakehurst.wiremock.matching.RequestPatternBuilder pageOfRuns() {
        return getRequestedFor(urlPathMatching(".*/runs")).withQueryParam("created", absent());
    }

    @AfterAll
    static void stopGitHub() {
        if (github != null) {
            github.stop();
        }
    }

    @Test
    void anonymousSeesNothing(Controller controller) {
        JenkinsClient anonymous = controller.anonymous();

        assertThat(anonymous.get("image-factory/").status()).isEqualTo(403);
        assertThat(anonymous.get(API).status()).isEqualTo(403);
        assertThat(anonymous.get(API + IMAGE + "/tags").status()).isEqualTo(403);
        assertThat(anonymous.get("").body()).doesNotContain("Image Factory");
    }

    @Test
    void aReaderSeesImagesAndTheirStateButNotTagsRunsOrRebuilds(Controller controller) {
        JenkinsClient reader = controller.as("reader");
        int githubCallsBefore = github.findAll(pageOfRuns()).size();

        JenkinsClient.Answer dashboard = reader.get("image-factory/");
        JsonNode list = reader.json(API);
        JsonNode detail = reader.json(API + IMAGE);
        JenkinsClient.Answer tags = reader.get(API + IMAGE + "/tags");
        JenkinsClient.Answer runs = reader.get(API + IMAGE + "/runs");
        JenkinsClient.Answer rebuild = reader.postJson(API + IMAGE + "/rebuild", "{\"reason\":\"try\"}");

        assertThat(dashboard.status()).isEqualTo(200);
        assertThat(dashboard.body()).contains(IMAGE, controller.registry.host() + "/api/app:1");
        assertThat(list.toString()).contains("\"enrollment\":\"" + IMAGE + "\"");
        assertThat(detail.at("/summary/dependencies").toString()).contains(controller.registry.host() + "/api/base:1");
        assertThat(tags.status()).isEqualTo(403);
        assertThat(tags.json().get("error").asText()).isEqualTo("reader is missing the Image Factory/View permission "
                + "(registry tags and build runs are read with this controller's credentials)");
        assertThat(runs.status()).isEqualTo(403);
        assertThat(rebuild.status()).isEqualTo(403);
        assertThat(rebuild.json().get("error").asText()).contains("reader is missing the Image Factory/Rebuild permission");
        assertThat(github.findAll(pageOfRuns())).as("GitHub was not asked for a reader")
                .hasSize(githubCallsBefore);
    }

    @Test
    void aViewerSeesTagsFromTheRegistryAndRunsFetchedWithTheControllersToken(Controller controller) {
        JenkinsClient viewer = controller.as("viewer");
        int githubCallsBefore = github.findAll(pageOfRuns()).size();

        JenkinsClient.Answer tags = viewer.get(API + IMAGE + "/tags");
        JenkinsClient.Answer runs = viewer.get(API + IMAGE + "/runs");
        JenkinsClient.Answer rebuild = viewer.postJson(API + IMAGE + "/rebuild", "{}");

        assertThat(tags.status()).as(tags.toString()).isEqualTo(200);
        assertThat(tags.body()).contains("\"1\"", "\"2\"");
        assertThat(runs.status()).as(runs.toString()).isEqualTo(200);
        assertThat(runs.body()).contains("30433642", "failure");
        assertThat(runs.body()).doesNotContain(Controller.GITHUB_TOKEN);
        assertThat(github.findAll(pageOfRuns()))
                .hasSizeGreaterThan(githubCallsBefore)
                .allSatisfy(request -> assertThat(request.getHeader("Authorization")).isIn(
                        "Bearer " + Controller.GITHUB_TOKEN, "token " + Controller.GITHUB_TOKEN));
        assertThat(rebuild.status()).isEqualTo(403);
    }

    @Test
    void aRebuilderAsksForARebuildThroughTheApiAndTheDashboardAndBothAreAuditedInTheirName(Controller controller) {
        JenkinsClient rebuilder = controller.as("rebuilder");

        JenkinsClient.Answer api = rebuilder.postJson(API + IMAGE + "/rebuild", "{\"urgent\":true,\"reason\":\"CVE-2026-0002\"}");
        JenkinsClient.Answer page = rebuilder.postForm("image-factory/image/" + IMAGE + "/rebuild",
                Map.of("reason", "after the fix", "base", ""));

        assertThat(api.status()).as(api.toString()).isEqualTo(202);
        assertThat(api.json().get("commit").asText()).matches("[0-9a-f]{40}");
        assertThat(page.status()).as(page.toString()).isIn(302, 303);
        assertThat(controller.configRepoLog())
                .anySatisfy(message -> assertThat(message).contains("urgent rebuild of api-app requested by jenkins:rebuilder"))
                .anySatisfy(message -> assertThat(message).contains("rebuild of api-app requested by jenkins:rebuilder"));
    }

    @Test
    void theDashboardShowsAPageAtATimeWithCountsOfTheWholeEstate(Controller controller) {
        JenkinsClient reader = controller.as("reader");
        int total = reader.json(API + "?per_page=1").get("total").asInt();
        String counts = "<p id=\"image-factory-counts\">" + total + " images (";
        String app = controller.registry.host() + "/api/app:1";
        String base = controller.registry.host() + "/api/base:1";

        JenkinsClient.Answer whole = reader.get("image-factory/");
        JenkinsClient.Answer first = reader.get("image-factory/?per_page=1");
        JenkinsClient.Answer last = reader.get("image-factory/?page=" + total + "&per_page=1");
        JenkinsClient.Answer managed = reader.get("image-factory/?q=API%2FAPP&role=managed");

        assertThat(total).as("the estate of this suite has a base and an app at least").isGreaterThanOrEqualTo(2);
        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.body()).contains(counts, "images 1–" + total + " of " + total)
                .containsPattern("<input[^>]* name=\"per_page\"[^>]* value=\"100\"")
                .doesNotContain("rel=\"next\"", "rel=\"prev\"");
        assertThat(rows(whole)).isEqualTo(total);
        assertThat(rows(first)).isEqualTo(1);
        assertThat(first.body()).contains(counts, "images 1–1 of " + total, "<a rel=\"next\" href=\"?page=2&amp;per_page=1\">")
                .doesNotContain("rel=\"prev\"");
        assertThat(rows(last)).isEqualTo(1);
        assertThat(last.body()).contains(counts, "images " + total + "–" + total + " of " + total, "rel=\"prev\"")
                .doesNotContain("rel=\"next\"");
        assertThat(managed.body()).contains(counts, "<tr data-ref=\"" + app + "\"", "images 1–1 of 1")
                .containsPattern("<option[^>]* selected[^>]*>managed</option>").doesNotContain("<tr data-ref=\"" + base + "\"");
    }

    @Test
    void aBadQueryOnTheDashboardIsRefusedInWordsAndNothingItCarriesRunsInThePage(Controller controller) {
        JenkinsClient reader = controller.as("reader");

        JenkinsClient.Answer oversized = reader.get("image-factory/?per_page=1000");
        JenkinsClient.Answer role = reader.get("image-factory/?role=" + encode("<script>alert(1)</script>"));
        JenkinsClient.Answer text = reader.get("image-factory/?q=" + encode("\"><img src=x onerror=alert(2)>"));

        assertThat(oversized.status()).as(oversized.toString()).isEqualTo(400);
        assertThat(oversized.body()).contains("id=\"image-factory-bad-query\"",
                "per_page must be a whole number from 1 to 100, got ").doesNotContain("Exception", "<tr data-ref=");
        assertThat(role.status()).isEqualTo(400);
        assertThat(role.body()).contains("role must be one of [base, managed, managed+base]", "script>alert(1)")
                .doesNotContain("<script>alert(1)");
        assertThat(text.status()).isEqualTo(200);
        assertThat(text.body()).contains("no image matches", "onerror=alert(2)").doesNotContain("<img src=x");
    }

    @Test
    void anImageWhoseDispatchFailedIsHighlightedWithItsProblemInWords(Controller controller) {
        JenkinsClient rebuilder = controller.as("rebuilder");
        JenkinsClient.Answer asked = rebuilder.postJson(API + BROKEN + "/rebuild", "{\"urgent\":true,\"reason\":\"CVE-2026-0003\"}");
        assertThat(asked.status()).as(asked.toString()).isEqualTo(202);
        JenkinsClient reader = controller.as("reader");
        for (int cycle = 0; cycle < 3 && !"dispatch-failed".equals(rebuildStatus(reader)); cycle++) {
            controller.sync();
        }
        assertThat(rebuildStatus(reader)).isEqualTo("dispatch-failed");

        String dashboard = reader.get("image-factory/").body();
        String page = reader.get("image-factory/image/" + BROKEN + "/").body();

        Matcher row = Pattern.compile("<tr data-ref=\"" + Pattern.quote(controller.registry.host() + "/broken/app:1")
                + "\"([^>]*)>(.*?)</tr>", Pattern.DOTALL).matcher(dashboard);
        assertThat(row.find()).as(dashboard).isTrue();
        assertThat(row.group(1)).contains("data-standing=\"failing\"").contains("class=\"image-factory-failing\"");
        assertThat(row.group(2)).containsPattern("<div class=\"image-factory-problem error\">dispatch failed \\(will retry at"
                + " 20\\d\\d-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\\): GitHub answered 503[^<]*Service Unavailable");
        assertThat(page).containsPattern("id=\"image-factory-problems-of-image\">\\s*<div class=\"image-factory-problem"
                + " error\">dispatch failed \\(will retry at ");
        Matcher healthy = Pattern.compile("<tr data-ref=\"" + Pattern.quote(controller.registry.host() + "/api/base:1")
                + "\"([^>]*)>", Pattern.DOTALL).matcher(dashboard);
        assertThat(healthy.find()).isTrue();
        assertThat(healthy.group(1)).as("a base with no problem is not highlighted").doesNotContain("image-factory-failing");
    }

    private static String rebuildStatus(JenkinsClient reader) {
        return reader.json(API + BROKEN).at("/summary/rebuildStatus").asText();
    }

    private static int rows(JenkinsClient.Answer page) {
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        return page.body().split("<tr data-ref=", -1).length - 1;
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void everyLinkOnTheDashboardLeadsToAPage(Controller controller) {
        JenkinsClient admin = controller.admin();
        controller.sync();
        String dashboard = admin.get("image-factory/").body();

        Matcher links = Pattern.compile("href=\"(image/[^\"]+)\"").matcher(dashboard);
        int followed = 0;
        while (links.find()) {
            String href = links.group(1).replace("&amp;", "&");
            JenkinsClient.Answer page = admin.get("image-factory/" + href);
            // The runtime's servlet container (not winstone) refuses encoded slashes in paths: see README.
            if (page.status() == 400 && page.body().contains("Ambiguous URI path")) {
                continue;
            }
            assertThat(page.status()).as(href + ": " + page).isEqualTo(200);
            followed++;
        }
        assertThat(followed).as("image pages followed from the dashboard").isGreaterThanOrEqualTo(1);
        assertThat(dashboard).contains("<svg", "What builds on what");
        String page = admin.get("image-factory/image/" + IMAGE + "/").body();
        assertThat(page).contains("Request a rebuild", "Digest history", "(current)", "image-factory-picture", "<svg",
                "api/Dockerfile", "github-actions", "30d");
        assertThat(admin.get("image-factory/image/no-such-image/").status()).isEqualTo(404);
    }
}
