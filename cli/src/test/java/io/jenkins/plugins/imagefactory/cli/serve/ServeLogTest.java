package io.jenkins.plugins.imagefactory.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagefactory.cli.ImageFactoryCommand;
import io.jenkins.plugins.imagefactory.cli.testing.BuilderStandIn;
import io.jenkins.plugins.imagefactory.cli.testing.Estate;
import io.jenkins.plugins.imagefactory.secret.Secret;
import io.jenkins.plugins.imagefactory.testing.LocalRegistryExtension;
import io.jenkins.plugins.imagefactory.webhook.HmacSignatures;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * serve.log read the way an operator reads it: {@code image-factory serve} as its own process with
 * the production log settings, its stderr in a file, a registry push, an urgent rebuild, a builder
 * that really pushes, a bad config merge and a browser asking for the favicon. The log must tell
 * what happened, once, without {@code /metrics}, and hold no secret.
 */
class ServeLogTest {

    @RegisterExtension
    static final LocalRegistryExtension REGISTRY = LocalRegistryExtension.anonymous();
    static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/");

    @TempDir
    Path dir;

    Process serve;
    Estate estate;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    int port;

    @AfterEach
    void tearDown() throws Exception {
        if (serve != null) {
            serve.destroy();
            serve.waitFor(30, TimeUnit.SECONDS);
        }
        if (estate != null) {
            estate.close();
        }
    }

    /** This JVM's classpath without test classes, so serve logs as it does when installed. */
    static String productionClasspath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("test-classes") && !entry.endsWith("-tests.jar"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    @Test
    void theLogTellsTheStoryOnceAndHoldsNoSecret() throws Exception {
        estate = new Estate(REGISTRY.registry(), dir, "log");
        estate.builder.mode(BuilderStandIn.Mode.PUSH);
        Path log = dir.resolve("serve.log");
        Path out = dir.resolve("serve.out");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", productionClasspath(), ImageFactoryCommand.class.getName(), "serve",
                "--repo", estate.config.url(), "--work-dir", dir.resolve("work").toString(), "--port", "0", "--interval", "1h",
                "--git-webhook-secret", "GIT_HOOK", "--api-token", "API_TOKEN",
                "--registry-webhook", "distribution=" + estate.registry.host() + ",HOOK")
                .redirectError(log.toFile()).redirectOutput(out.toFile());
        builder.environment().putAll(Map.of("GIT_HOOK", RealServe.GIT_SECRET, "API_TOKEN", RealServe.API_TOKEN,
                "HOOK", RealServe.HOOK_TOKEN));
        serve = builder.start();
        eventually("serve listening", () -> LISTENING.matcher(read(out)).find());
        Matcher listening = LISTENING.matcher(read(out));
        assertThat(listening.find()).isTrue();
        port = Integer.parseInt(listening.group(1));
        eventually("the first cycle", () -> read(log).contains("sync cycle (schedule, "));

        // The registry says the upstream base was pushed.
        String newUpstream = estate.push("upstream/python:3.12");
        String namespace = estate.namespace;
        assertThat(post("/webhook/registry/distribution", ServeFixture.distributionPush(namespace + "/upstream/python", "3.12",
                newUpstream), "Authorization", RealServe.HOOK_TOKEN).statusCode()).isEqualTo(202);
        eventually("the update", () -> read(log).contains("update " + estate.ref("upstream/python:3.12")));

        // Someone asks for an urgent rebuild; the builder builds by pushing, and says nothing else.
        assertThat(post("/api/v1/images/platform/rebuild", "{\"urgent\":true,\"reason\":\"CVE-2026-9\"}",
                "Authorization", "Bearer " + RealServe.API_TOKEN, "Content-Type", "application/json").statusCode()).isEqualTo(202);
        eventually("the build", () -> !estate.builder.received().isEmpty());
        String key = estate.builder.received().get(0).key();
        String pushedPlatform = get("/api/v1/images/platform").body();
        assertThat(post("/webhook/registry/distribution", ServeFixture.distributionPush(namespace + "/platform/base", "1",
                "sha256:" + "0".repeat(64)), "Authorization", RealServe.HOOK_TOKEN).statusCode()).isEqualTo(202);
        eventually("the completion", () -> read(log).contains("rebuild completed " + estate.ref("platform/base:1") + " key " + key));

        // A typo is merged; two config pushes follow.
        estate.merge(Map.of("images/app.yaml", estate.enrollment("app", "team/app", "1", "app/Dockerfile", "")
                .replace("{webhook:", "{webhok:")), "typo");
        gitPush();
        gitPush();
        eventually("the config error", () -> read(log).contains("config error: images/app.yaml:5:9"));
        eventually("the second push's cycle", () -> read(log).lines().filter(l -> l.contains("sync cycle (git-push")).count() >= 2);

        // A browser opens the dashboard.
        assertThat(get("/favicon.ico").statusCode()).isEqualTo(200);
        assertThat(get("/").statusCode()).isEqualTo(200);
        assertThat(get("/healthz").statusCode()).isEqualTo(200);

        String text = read(log);
        List<String> lines = text.lines().toList();
        assertThat(lines).as(text).anyMatch(l -> l.matches(".* INFO CycleLog - sync cycle \\(schedule, \\d+ ms\\): 4 images tracked.*"));
        assertThat(lines).anyMatch(l -> l.contains("INFO CycleLog - update " + estate.ref("upstream/python:3.12") + " sha256:")
                && l.contains(" -> " + newUpstream.substring(0, 19) + " (webhook)"));
        assertThat(lines).anyMatch(l -> l.contains("rebuild queued " + estate.ref("platform/base:1") + " key " + key
                + " by api; causes: [") && l.contains("urgent: CVE-2026-9"));
        assertThat(lines).anyMatch(l -> l.contains("rebuild triggered " + estate.ref("platform/base:1") + " key " + key
                + " via webhook https://ci.example.com/run/42"));
        assertThat(lines).anyMatch(l -> l.contains("rebuild completed " + estate.ref("platform/base:1") + " key " + key));
        assertThat(lines).anyMatch(l -> l.matches(".* INFO ServeWiring - commit [0-9a-f]{12}: .*rebuild queued.*"));
        assertThat(lines).anyMatch(l -> l.matches(".* INFO ServeEngine - commit [0-9a-f]{12}: urgent rebuild of platform"
                + " requested by api"));
        assertThat(lines.stream().filter(l -> l.contains("config error: images/app.yaml:5:9: build.webhok: unknown field")))
                .as("each config error once, though two cycles saw it").hasSize(1);
        assertThat(lines).noneMatch(l -> l.contains("favicon")).noneMatch(l -> l.contains("GET / ->"))
                .noneMatch(l -> l.contains("GET /healthz"));
        assertThat(lines).noneMatch(l -> l.contains("sync: refreshing"));
        assertThat(text).doesNotContain(RealServe.API_TOKEN).doesNotContain(RealServe.GIT_SECRET)
                .doesNotContain("registry-hook-s3cret");
        assertThat(pushedPlatform).isNotEmpty();
    }

    private void gitPush() {
        String body = "{\"ref\":\"refs/heads/main\",\"after\":\"" + "b".repeat(40) + "\",\"repository\":{\"full_name\":\"acme/config\"}}";
        HttpResponse<String> answer = post("/webhook/git", body, "X-GitHub-Event", "push", "Content-Type", "application/json",
                "X-Hub-Signature-256", HmacSignatures.sign(Secret.token(RealServe.GIT_SECRET), body.getBytes(StandardCharsets.UTF_8)));
        assertThat(answer.statusCode()).isEqualTo(202);
        long before = read(dir.resolve("serve.log")).lines().filter(l -> l.contains("sync cycle (git-push")).count();
        eventually("a cycle after the push", () -> read(dir.resolve("serve.log")).lines()
                .filter(l -> l.contains("sync cycle (git-push")).count() > before);
    }

    private HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET());
    }

    private HttpResponse<String> post(String path, String body, String... headers) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).headers(headers));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("request failed: " + e, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (Exception e) {
            return "";
        }
    }

    private void eventually(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline || (serve != null && !serve.isAlive())) {
                throw new AssertionError("gave up waiting for " + what + "; serve.log:\n" + read(dir.resolve("serve.log")));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
