package io.jenkins.plugins.imagefactory.cli.serve;

import static io.jenkins.plugins.imagefactory.cli.serve.ServeFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagefactory.state.StateMapper;
import io.jenkins.plugins.imagefactory.status.RunSource;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every route of {@code image-factory serve}, over real HTTP on a random port. */
class ServeServerTest {

    static {
        // Before any serve logger exists: show the request and webhook lines whose secrecy is checked.
        // (slf4j-simple fixes a logger's level when it is created; other serve tests touch no logger.)
        System.setProperty("org.slf4j.simpleLogger.log.io.jenkins.plugins.imagefactory", "debug");
    }

    static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
    static PrintStream originalErr;

    @TempDir
    Path dir;
    ServeFixture serve;

    @BeforeAll
    static void captureLog() {
        originalErr = System.err;
        PrintStream tee = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (LOG) {
                    LOG.write(b);
                }
                originalErr.write(b);
            }
        }, true, StandardCharsets.UTF_8);
        System.setErr(tee);
    }

    @AfterAll
    static void restoreErr() {
        System.setErr(originalErr);
    }

    static String log() {
        synchronized (LOG) {
            return LOG.toString(StandardCharsets.UTF_8);
        }
    }

    @BeforeEach
    void setUp() {
        serve = new ServeFixture(dir);
    }

    @AfterEach
    void tearDown() {
        serve.close();
        // Whatever a test did, no secret may have reached a response or the log.
        for (String secret : SECRETS) {
            assertThat(serve.bodies).noneMatch(body -> body.contains(secret));
            assertThat(log()).doesNotContain(secret);
        }
        // The receiver may say "?token= does not match"; a token value after the '=' would be a leak.
        assertThat(log()).doesNotContainPattern("token=[^ ]");
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return StateMapper.json().readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    static String encoded(String ref) {
        return URLEncoder.encode(ref, StandardCharsets.UTF_8);
    }

    @Test
    void beforeTheFirstSyncFinishesPagesAndApiSay503ButHealthAnswers() {
        serve.gate = new CountDownLatch(1);
        serve.startWithEverything(dir.resolve("work"));
        ServeFixture.await(serve.checking);

        HttpResponse<String> api = serve.get("/api/v1/images");
        assertThat(api.statusCode()).isEqualTo(503);
        assertThat(json(api).path("error").asText()).isEqualTo("first sync not finished");
        assertThat(serve.get("/").statusCode()).isEqualTo(503);
        assertThat(serve.get("/").body()).contains("First sync not finished");
        HttpResponse<String> health = serve.get("/healthz");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health).path("status").asText()).isEqualTo("starting");
        assertThat(json(health).path("syncRunning").asBoolean()).isTrue();

        serve.gate.countDown();
        serve.ready();
        assertThat(serve.get("/api/v1/images").statusCode()).isEqualTo(200);
    }

    @Test
    void listsImagesAndShowsOneByNameOrEncodedReference() {
        serve.startWithEverything(dir.resolve("work")).ready();

        JsonNode list = json(serve.get("/api/v1/images"));
        assertThat(list.path("images").findValuesAsText("ref")).containsExactlyInAnyOrder(APP, "localhost:5000/platform/base-java:21-jre");
        assertThat(list.path("total").asInt()).isEqualTo(2);
        JsonNode app = json(serve.get("/api/v1/images/app"));
        assertThat(app.path("summary").path("enrollment").asText()).isEqualTo("app");
        assertThat(app.path("summary").path("refDigest").asText()).isEqualTo("ghcr.io/acme/app@" + D2);
        assertThat(app.path("summary").path("dependencies").get(0).asText()).isEqualTo(BASE);

        HttpResponse<String> base = serve.get("/api/v1/images/" + encoded(BASE));
        assertThat(base.statusCode()).isEqualTo(200);
        assertThat(json(base).path("summary").path("dependents").get(0).asText()).isEqualTo("app");

        HttpResponse<String> unknown = serve.get("/api/v1/images/nope");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(json(unknown).path("error").asText()).contains("no tracked image \"nope\"");
        assertThat(serve.get("/api/v1/nothing-here").statusCode()).isEqualTo(404);
        assertThat(serve.post("/api/v1/images", "{}").statusCode()).isEqualTo(405);
    }

    @Test
    void tagsAreServedFromTheCacheWithinItsTtlAndAnUncachedPageIs502WhenTheRegistryFails() {
        serve.startWithEverything(dir.resolve("work")).ready();

        HttpResponse<String> fresh = serve.get("/api/v1/images/app/tags?page=2&per_page=10");
        assertThat(fresh.statusCode()).isEqualTo(200);
        assertThat(json(fresh).path("stale").asBoolean()).isFalse();
        assertThat(json(fresh).path("tags").get(0).path("reference").asText()).isEqualTo("ghcr.io/acme/app:v2@" + D2);
        assertThat(json(fresh).path("hasNext").asBoolean()).isTrue();

        // Within tags.cacheTtl (10 minutes by default) the registry is not asked: its outage does not show.
        serve.registryDown = true;
        HttpResponse<String> cached = serve.get("/api/v1/images/app/tags?page=2&per_page=10");
        assertThat(cached.statusCode()).isEqualTo(200);
        assertThat(json(cached).path("stale").asBoolean()).isFalse();
        assertThat(json(cached).has("registryError")).isFalse();
        assertThat(json(cached).path("ageSeconds").isIntegralNumber()).isTrue();
        assertThat(cached.headers().firstValue("Age")).isPresent();
        assertThat(json(cached).path("tags").get(0).path("tag").asText()).isEqualTo("v2");

        HttpResponse<String> uncached = serve.get("/api/v1/images/app/tags?page=3&per_page=10");
        assertThat(uncached.statusCode()).isEqualTo(502);
        assertThat(json(uncached).path("error").asText()).contains("cannot list tags of ghcr.io/acme/app:latest")
                .contains("answered 503");

        assertThat(serve.get("/api/v1/images/app/tags?per_page=500").statusCode()).isEqualTo(400);
        assertThat(json(serve.get("/api/v1/images/app/tags?page=zero")).path("error").asText())
                .contains("page must be a whole number");
    }

    @Test
    void runsOnlyForManagedImagesAndGitHubFailuresAre502() {
        serve.startWithEverything(dir.resolve("work")).ready();

        HttpResponse<String> runs = serve.get("/api/v1/images/app/runs?per_page=5");
        assertThat(runs.statusCode()).isEqualTo(200);
        assertThat(json(runs).path("runs").get(0).path("conclusion").asText()).isEqualTo("failure");
        assertThat(json(runs).path("runs").get(0).path("url").asText()).isEqualTo("https://github.com/acme/app/actions/runs/42");
        assertThat(json(runs).path("perPage").asInt()).isEqualTo(5);

        HttpResponse<String> base = serve.get("/api/v1/images/" + encoded(BASE) + "/runs");
        assertThat(base.statusCode()).isEqualTo(404);
        assertThat(json(base).path("error").asText()).contains("not a managed image");

        serve.runFailure = new RunSource.RunSourceException("GitHub answered 500 for acme/app", 500, null);
        HttpResponse<String> failed = serve.get("/api/v1/images/app/runs");
        assertThat(failed.statusCode()).isEqualTo(502);
        assertThat(json(failed).path("error").asText()).contains("GitHub answered 500");
    }

    @Test
    void writeRoutesNeedTheBearerTokenAndRecordTheRebuildInTheConfigRepo() {
        serve.startWithEverything(dir.resolve("work")).ready();
        String body = "{\"urgent\":true,\"reason\":\"CVE-2026-1234\"}";

        HttpResponse<String> missing = serve.post("/api/v1/images/app/rebuild", body);
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(serve.post("/api/v1/images/app/rebuild", body, "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
        assertThat(serve.post("/api/v1/images/app/rebuild", body, "Authorization", API_TOKEN).statusCode()).isEqualTo(401);
        assertThat(serve.remote.subjects()).noneMatch(s -> s.contains("rebuild of app"));

        HttpResponse<String> ok = serve.post("/api/v1/images/app/rebuild", body, "Authorization", "Bearer " + API_TOKEN);
        assertThat(ok.statusCode()).isEqualTo(202);
        assertThat(json(ok).path("image").asText()).isEqualTo("app");
        assertThat(json(ok).path("commit").asText()).hasSize(40);
        assertThat(serve.remote.subjects()).contains("image-factory: urgent rebuild of app requested by api");
        // The requested cycle acts on it: no build trigger exists here, so the build is recorded as failed.
        ServeFixture.eventually("the urgent rebuild to be dispatched", () ->
                json(serve.get("/api/v1/images/app")).path("summary").path("lastBuildStatus").asText().equals("failed"));
    }

    @Test
    void rebuildRequestsAreCheckedBeforeAnythingIsCommitted() {
        serve.startWithEverything(dir.resolve("work")).ready();
        String[] auth = {"Authorization", "Bearer " + API_TOKEN};

        assertThat(json(serve.post("/api/v1/images/app/rebuild", "{\"urgent\":true}", auth)).path("error").asText())
                .contains("urgent rebuild needs a /reason");
        assertThat(serve.post("/api/v1/images/app/rebuild", "not json", auth).statusCode()).isEqualTo(400);
        assertThat(serve.post("/api/v1/images/app/rebuild", "{\"urgent\":\"yes\"}", auth).statusCode()).isEqualTo(400);
        assertThat(json(serve.post("/api/v1/images/app/rebuild", "{\"base\":\"no such:ref:at all\"}", auth)).path("error").asText())
                .contains("/base is not an image reference");
        assertThat(serve.post("/api/v1/images/ghost/rebuild", "{}", auth).statusCode()).isEqualTo(404);
        assertThat(serve.post("/api/v1/images/" + encoded(BASE) + "/rebuild", "{}", auth).statusCode()).isEqualTo(409);
        assertThat(serve.send(HttpRequest.newBuilder(serve.uri("/api/v1/images/app/rebuild")).GET()
                .header("Authorization", "Bearer " + API_TOKEN)).statusCode()).isEqualTo(405);
        assertThat(serve.remote.subjects()).noneMatch(s -> s.contains("rebuild of"));

        HttpResponse<String> plain = serve.post("/api/v1/images/app/rebuild", "", auth);
        assertThat(plain.statusCode()).isEqualTo(202);
        assertThat(serve.remote.subjects()).contains("image-factory: rebuild of app requested by api");
    }

    @Test
    void rerunAsksTheRunSourceForAManagedImagesRun() {
        serve.startWithEverything(dir.resolve("work")).ready();
        String[] auth = {"Authorization", "Bearer " + API_TOKEN};

        assertThat(serve.post("/api/v1/runs/42/rerun?image=app", "", auth).statusCode()).isEqualTo(202);
        assertThat(serve.reruns).containsExactly("app#42");
        assertThat(serve.post("/api/v1/runs/42/rerun?image=app", "").statusCode()).isEqualTo(401);
        assertThat(json(serve.post("/api/v1/runs/42/rerun", "", auth)).path("error").asText()).contains("?image=NAME");
        assertThat(serve.post("/api/v1/runs/abc/rerun?image=app", "", auth).statusCode()).isEqualTo(400);
        assertThat(serve.post("/api/v1/runs/42/rerun?image=" + encoded(BASE), "", auth).statusCode()).isEqualTo(404);
        serve.runFailure = new RunSource.RunSourceException("no run 7 in acme/app's workflow", 404, null);
        assertThat(serve.post("/api/v1/runs/7/rerun?image=app", "", auth).statusCode()).isEqualTo(404);
        serve.runFailure = new RunSource.RunSourceException("run 8 has no failed jobs to re-run (it finished with success)",
                409, null);
        HttpResponse<String> succeeded = serve.post("/api/v1/runs/8/rerun?image=app", "", auth);
        assertThat(succeeded.statusCode()).isEqualTo(409);
        assertThat(json(succeeded).path("error").asText()).isEqualTo(
                "cannot re-run run 8 of app: run 8 has no failed jobs to re-run (it finished with success)");
        assertThat(serve.reruns).containsExactly("app#42");
    }

    @Test
    void withoutAnApiTokenTheWriteRoutesDoNotExist() {
        serve.start(dir.resolve("work")).ready();

        HttpResponse<String> rebuild = serve.post("/api/v1/images/app/rebuild", "{}", "Authorization", "Bearer anything");
        assertThat(rebuild.statusCode()).isEqualTo(404);
        assertThat(json(rebuild).path("error").asText()).contains("write routes are off");
        assertThat(serve.post("/api/v1/runs/1/rerun?image=app", "").statusCode()).isEqualTo(404);
        assertThat(serve.post("/webhook/git", "{}").statusCode()).isEqualTo(404);
        assertThat(serve.post("/webhook/registry/distribution", "{}").statusCode()).isEqualTo(404);
    }

    @Test
    void anAcceptedRegistryWebhookChecksTheHintedReferenceFirst() {
        serve.startWithEverything(dir.resolve("work")).ready();

        HttpResponse<String> accepted = serve.post("/webhook/registry/distribution",
                distributionPush("platform/base-java", "21-jre", D3), "Authorization", HOOK_SECRET);
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(json(accepted).path("references").get(0).asText()).isEqualTo(BASE);

        ServeFixture.eventually("a webhook-hinted check", () -> serve.checks.stream().anyMatch(t -> !hinted(t).isEmpty()));
        assertThat(serve.checks.stream().filter(t -> !hinted(t).isEmpty()).findFirst().orElseThrow().get(0)
                .reference().canonical()).isEqualTo(BASE);
        assertThat(serve.get("/metrics").body())
                .contains("image_factory_webhooks_total{kind=\"distribution\",result=\"accepted\"} 1");
    }

    @Test
    void registryWebhookRejectionsCarryTheReceiversStatus() {
        serve.startWithEverything(dir.resolve("work")).ready();
        String push = distributionPush("platform/base-java", "21-jre", D3);

        assertThat(serve.post("/webhook/registry/distribution", push).statusCode()).isEqualTo(401);
        assertThat(serve.post("/webhook/registry/distribution", push, "Authorization", "Bearer nope").statusCode())
                .isEqualTo(403);
        assertThat(serve.post("/webhook/registry/distribution", "{not json", "Authorization", HOOK_SECRET).statusCode())
                .isEqualTo(400);
        assertThat(serve.post("/webhook/registry/harbor", push, "Authorization", HOOK_SECRET).statusCode()).isEqualTo(404);
        HttpResponse<String> unknown = serve.post("/webhook/registry/quay", push);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).path("error").asText()).contains("unknown webhook kind");
        String huge = "{\"events\":[],\"pad\":\"" + "x".repeat(1 << 20) + "\"}";
        HttpResponse<String> tooBig = serve.post("/webhook/registry/distribution", huge, "Authorization", HOOK_SECRET);
        assertThat(tooBig.statusCode()).isEqualTo(400);
        assertThat(json(tooBig).path("error").asText()).contains("may have at most 1048576");
        String pull = push.replace("\"action\":\"push\"", "\"action\":\"pull\"");
        assertThat(serve.post("/webhook/registry/distribution", pull, "Authorization", HOOK_SECRET).statusCode()).isEqualTo(200);
        assertThat(serve.get("/webhook/registry/distribution").statusCode()).isEqualTo(405);

        assertThat(serve.get("/metrics").body())
                .contains("image_factory_webhooks_total{kind=\"distribution\",result=\"rejected\"} 4")
                .contains("image_factory_webhooks_total{kind=\"distribution\",result=\"ignored\"} 1")
                .contains("image_factory_webhooks_total{kind=\"unknown\",result=\"rejected\"} 1")
                .doesNotContain("quay");
    }

    @Test
    void dockerHubsQueryTokenWorksAndNeverReachesTheLog() {
        serve.startWithEverything(dir.resolve("work")).ready();
        String body = """
                {"callback_url":"https://registry.hub.docker.com/u/acme/base-node/hook/2141b5bi5i5b02bec211i4eeih0242eg11000a/",
                "push_data":{"pushed_at":1741531466,"pusher":"acmebuilder","tag":"22-slim"},
                "repository":{"name":"base-node","namespace":"acme","owner":"acme","repo_name":"acme/base-node",
                "repo_url":"https://registry.hub.docker.com/u/acme/base-node/","status":"Active"}}
                """;
        // The token is right, but no tracked image is docker.io/acme/base-node: nothing to check, and it says so.
        var accepted = serve.post("/webhook/registry/dockerhub?token=" + HUB_SECRET, body);
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(accepted.body()).contains("not watched: docker.io/acme/base-node:22-slim");
        assertThat(serve.post("/webhook/registry/dockerhub?token=wrong-one", body).statusCode()).isEqualTo(403);
        assertThat(log()).contains("POST /webhook/registry/dockerhub -> 200").doesNotContain("wrong-one")
                .doesNotContain(HUB_SECRET);
    }

    @Test
    void aWebhookArrivingDuringASyncIsQueuedNotLost() {
        serve.startWithEverything(dir.resolve("work")).ready();
        serve.gate = new CountDownLatch(1);
        serve.checking = new CountDownLatch(1);
        int before = serve.checks.size();

        assertThat(serve.gitPush("refs/heads/main").statusCode()).isEqualTo(202);
        ServeFixture.await(serve.checking); // that cycle is now inside its digest check
        HttpResponse<String> during = serve.post("/webhook/registry/distribution",
                distributionPush("platform/base-java", "21-jre", D3), "Authorization", HOOK_SECRET);
        assertThat(during.statusCode()).isEqualTo(202);
        assertThat(serve.get("/metrics").body()).contains("image_factory_queue_length 1");
        assertThat(json(serve.get("/healthz")).path("syncRunning").asBoolean()).isTrue();

        serve.gate.countDown();
        ServeFixture.eventually("the queued cycle", () -> serve.checks.size() >= before + 2);
        assertThat(hinted(serve.checks.get(before))).isEmpty();
        assertThat(hinted(serve.checks.get(before + 1))).containsExactly(BASE);
    }

    @Test
    void theConfigRepoPushWebhookSyncsOnlyForItsBranchAndOnlyWhenSigned() {
        serve.startWithEverything(dir.resolve("work")).ready();
        String push = "{\"ref\":\"refs/heads/main\"}";

        HttpResponse<String> ping = serve.post("/webhook/git", "{\"zen\":\"Keep it logically awesome.\"}",
                "X-GitHub-Event", "ping", "X-Hub-Signature-256", io.jenkins.plugins.imagefactory.webhook.HmacSignatures.sign(
                        io.jenkins.plugins.imagefactory.secret.Secret.token(GIT_SECRET),
                        "{\"zen\":\"Keep it logically awesome.\"}".getBytes(StandardCharsets.UTF_8)));
        assertThat(ping.statusCode()).isEqualTo(200);
        assertThat(serve.post("/webhook/git", push, "X-GitHub-Event", "push").statusCode()).isEqualTo(401);
        assertThat(serve.post("/webhook/git", push, "X-GitHub-Event", "push", "X-Hub-Signature-256",
                "sha256=" + "0".repeat(64)).statusCode()).isEqualTo(403);
        HttpResponse<String> other = serve.gitPush("refs/heads/feature");
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(json(other).path("ignored").asText()).contains("refs/heads/feature");

        // An enrollment merged meanwhile is picked up by the cycle the push asks for.
        serve.remote.commit(java.util.Map.of("images/web.yaml", """
                name: web
                image: ghcr.io/acme/web
                source: {repository: "https://git.example.com/web.git"}
                build: {webhook: {url: "http://127.0.0.1:1/build"}}
                """), "enroll web");
        serve.digests.put("ghcr.io/acme/web:latest", D3);
        serve.syncNow();
        ServeFixture.eventually("web in the status view", () -> serve.get("/api/v1/images/web").statusCode() == 200);
    }

    @Test
    void healthAndMetricsReportCyclesAndFailures() {
        serve.startWithEverything(dir.resolve("work")).ready();
        serve.digests.put(BASE, D3);
        serve.syncNow();

        JsonNode health = json(serve.get("/healthz"));
        assertThat(health.path("status").asText()).isEqualTo("ok");
        assertThat(health.path("lastSyncAgeSeconds").isIntegralNumber()).isTrue();
        assertThat(health.has("lastError")).isTrue();
        HttpResponse<String> metrics = serve.get("/metrics");
        assertThat(metrics.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain; version=0.0.4");
        assertThat(metrics.body())
                .contains("# TYPE image_factory_syncs_total counter\nimage_factory_syncs_total 2\n")
                .contains("image_factory_sync_failures_total 0\n")
                .contains("image_factory_updates_total 1\n")
                .contains("image_factory_rebuilds_triggered_total 0\n")
                .contains("image_factory_queue_length 0\n")
                .containsPattern("image_factory_last_sync_age_seconds \\d+\n");
    }

    @Test
    void theDashboardShowsEveryImageWithStatusAndEscapesWhatItShows() {
        serve.checkFailures.put(APP, "registry ghcr.io answered 500 <script>alert(1)</script>");
        serve.startWithEverything(dir.resolve("work")).ready();
        serve.digests.put(BASE, D3);
        serve.syncNow();

        HttpResponse<String> page = serve.get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        String html = page.body();
        assertThat(html).contains("<table id=\"images\">")
                .contains("<tr data-ref=\"" + BASE + "\" data-standing=\"")
                .doesNotContain("<tr data-ref=\"" + BASE + "\" data-standing=\"failing\"")
                .contains("<tr data-ref=\"" + APP + "\" data-standing=\"failing\" class=\"error\">")
                .contains("<span class=\"badge error-badge\">failing</span>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)")
                .contains("data-copy=\"localhost:5000/platform/base-java@" + D3 + "\"")
                .contains("<code title=\"" + D3 + "\">sha256:333333333333</code>")
                .contains("class=\"rebuild-due\"")
                .contains("href=\"/images/app\"");

        String detail = serve.get("/images/app").body();
        assertThat(detail).contains("<a href=\"/images/" + encoded(BASE) + "\">" + BASE + "</a>");
        String base = serve.get("/images/" + encoded(BASE)).body();
        assertThat(base).contains("<ul id=\"dependents\"><li><a href=\"/images/app\">app</a></li>")
                .contains("<table id=\"history\">").contains(D1).contains(D3);
        assertThat(serve.get("/images/ghost").statusCode()).isEqualTo(404);
    }

    @Test
    void theDashboardPagesAndFiltersLikeTheApiAndCountsTheWholeEstate() {
        serve.startWithEverything(dir.resolve("work")).ready();

        String first = serve.get("/?per_page=1").body();
        String second = serve.get("/?page=2&per_page=1").body();
        String filtered = serve.get("/?q=base-java&role=base").body();

        assertThat(first).containsOnlyOnce("<tr data-ref=").contains("images 1–1 of 2")
                .contains("<a rel=\"next\" href=\"/?page=2&amp;per_page=1\">").doesNotContain("rel=\"prev\"")
                .contains("<p id=\"counts\" data-refresh>2 images");
        assertThat(second).containsOnlyOnce("<tr data-ref=").contains("images 2–2 of 2").contains("rel=\"prev\"")
                .doesNotContain("rel=\"next\"");
        assertThat(filtered).contains("<tr data-ref=\"" + BASE + "\"").doesNotContain("<tr data-ref=\"" + APP + "\"")
                .contains("<option selected>base</option>").contains("<p id=\"counts\" data-refresh>2 images");
        assertThat(serve.get("/?role=admin").statusCode()).isEqualTo(400);
        assertThat(serve.get("/?page=0").statusCode()).isEqualTo(400);
    }

    @Test
    void aFailedBuildIsHighlightedOnTheDashboard() {
        serve.startWithEverything(dir.resolve("work")).ready();
        serve.post("/api/v1/images/app/rebuild", "{\"urgent\":true,\"reason\":\"CVE-2026-1234\"}",
                "Authorization", "Bearer " + API_TOKEN);
        ServeFixture.eventually("the failed build on the dashboard", () -> serve.get("/").body().contains("class=\"build-failed\""));
        assertThat(serve.get("/images/app").body()).contains("<table id=\"builds\">").contains("class=\"build-failed\"")
                .contains("CVE-2026-1234");
    }

    @Test
    void closingStopsListeningAfterTheRunningCycleFinishes() throws Exception {
        serve.startWithEverything(dir.resolve("work")).ready();
        int port = serve.running.server().port();
        serve.running.close();
        assertThat(serve.running.server().ready()).isTrue();
        try (java.net.Socket socket = new java.net.Socket()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                    socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000))
                    .isInstanceOf(java.io.IOException.class);
        }
    }
}
