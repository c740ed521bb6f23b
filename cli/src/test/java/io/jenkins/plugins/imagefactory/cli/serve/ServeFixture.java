package io.jenkins.plugins.imagefactory.cli.serve;

import io.jenkins.plugins.imagefactory.cli.ServeCommand;
import io.jenkins.plugins.imagefactory.config.Enrollment;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.rebuild.RebuildCoordinator;
import io.jenkins.plugins.imagefactory.secret.EnvironmentSecretResolver;
import io.jenkins.plugins.imagefactory.state.DetectedBy;
import io.jenkins.plugins.imagefactory.state.DiscoveredBase;
import io.jenkins.plugins.imagefactory.status.RunSource;
import io.jenkins.plugins.imagefactory.status.TagSource;
import io.jenkins.plugins.imagefactory.sync.DigestCheck;
import io.jenkins.plugins.imagefactory.sync.DiscoveryOutcome;
import io.jenkins.plugins.imagefactory.sync.SyncEngine;
import io.jenkins.plugins.imagefactory.sync.CheckTarget;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;

/**
 * {@code image-factory serve} started in-process on a random port over a real bare git remote,
 * with this test's own discoverer, digest checker, tag source and run source standing in for the
 * production ones (which have their own tests against real services).
 */
final class ServeFixture implements AutoCloseable {

    static final String BASE = "localhost:5000/platform/base-java:21-jre";
    static final String APP = "ghcr.io/acme/app:latest";
    static final String D1 = "sha256:" + "1".repeat(64);
    static final String D2 = "sha256:" + "2".repeat(64);
    static final String D3 = "sha256:" + "3".repeat(64);

    static final String HOOK_SECRET = "hook-s3cret-value-0001";
    static final String HUB_SECRET = "hub-s3cret-value-0002";
    static final String GIT_SECRET = "git-s3cret-value-0003";
    static final String API_TOKEN = "api-s3cret-token-0004";
    static final String GITHUB_TOKEN = "ghp_s3cretGithubToken0005";
    static final List<String> SECRETS = List.of(HOOK_SECRET, HUB_SECRET, GIT_SECRET, API_TOKEN, GITHUB_TOKEN);

    final GitRemote remote;
    final Map<String, String> digests = new ConcurrentHashMap<>();
    final Map<String, String> checkFailures = new ConcurrentHashMap<>();
    /** Every target list the checker was given, cycle by cycle. */
    final List<List<CheckTarget>> checks = new CopyOnWriteArrayList<>();
    final List<String> bodies = new CopyOnWriteArrayList<>();
    final List<String> reruns = new CopyOnWriteArrayList<>();
    volatile CountDownLatch gate = new CountDownLatch(0);
    volatile CountDownLatch checking = new CountDownLatch(1);
    volatile boolean registryDown;
    volatile RunSource.RunSourceException runFailure;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    ServeCommand.Running running;

    ServeFixture(Path dir) {
        remote = GitRemote.create(dir.resolve("remote"));
        remote.commit(Map.of(
                "image-factory.yaml", "version: 1\n",
                "images/app.yaml", """
                        name: app
                        image: ghcr.io/acme/app
                        source: {repository: "https://git.example.com/app.git"}
                        build: {webhook: {url: "http://127.0.0.1:1/build"}}
                        """), "enroll app");
        digests.put(BASE, D1);
        digests.put(APP, D2);
    }

    /** Starts serve with the given extra options (after --repo, --work-dir, --port 0). */
    ServeFixture start(Path workDir, String... options) {
        ServeCommand command = new ServeCommand(host(), new EnvironmentSecretResolver(Map.of(
                "HOOK", HOOK_SECRET, "HUB", HUB_SECRET, "GIT_HOOK", GIT_SECRET, "API_TOKEN", API_TOKEN)), Clock.systemUTC());
        List<String> args = new ArrayList<>(List.of("--repo", remote.url(), "--work-dir", workDir.toString(), "--port", "0"));
        args.addAll(List.of(options));
        new CommandLine(command).parseArgs(args.toArray(String[]::new));
        running = command.start();
        return this;
    }

    /** The usual options: every webhook and the write API on. */
    ServeFixture startWithEverything(Path workDir) {
        return start(workDir, "--registry-webhook", "distribution=localhost:5000,HOOK",
                "--registry-webhook", "dockerhub=docker.io,HUB", "--git-webhook-secret", "GIT_HOOK",
                "--api-token", "API_TOKEN", "--interval", "1h");
    }

    Host host() {
        return new Host() {
            @Override
            public SyncEngine engine(Context context) {
                return new SyncEngine(context.repository(), (enrollments, previous) -> {
                    Map<String, DiscoveryOutcome> out = new HashMap<>();
                    enrollments.forEach(e -> out.put(e.name(), new DiscoveryOutcome.Found("c1", "Dockerfile", Map.of(),
                            List.of(new DiscoveredBase(BASE, "FROM", "0", true, false, true)))));
                    return out;
                }, (targets, previous) -> {
                    checks.add(List.copyOf(targets));
                    checking.countDown();
                    await(gate);
                    Map<String, DigestCheck> out = new HashMap<>();
                    targets.forEach(t -> {
                        String ref = t.reference().canonical();
                        String failure = checkFailures.get(ref);
                        out.put(ref, failure != null ? new DigestCheck.Failed(failure)
                                : new DigestCheck.Seen(digests.get(ref), Map.of(), null, t.detectedBy()));
                    });
                    return out;
                }, new RebuildCoordinator(kind -> Optional.empty()), context.clock(), step -> { });
            }

            @Override
            public TagSource tags(Context context) {
                return (repository, page, perPage) -> {
                    if (registryDown) {
                        throw new TagSource.TagSourceException("registry " + repository.registry() + " answered 503", null);
                    }
                    return new TagSource.TagPage(List.of(new TagSource.TagInfo("v" + page, D2, 1234L,
                            Instant.parse("2026-01-01T00:00:00Z"), repository.name() + ":v" + page + "@" + D2)),
                            page, perPage, page < 3, true);
                };
            }

            @Override
            public RunSource runs(Context context) {
                return new RunSource() {
                    @Override
                    public RunPage runs(Enrollment enrollment, int page, int perPage) throws RunSourceException {
                        if (runFailure != null) {
                            throw runFailure;
                        }
                        // A real source holds GITHUB_TOKEN; it must never reach a response.
                        return new RunPage(List.of(new RunInfo(42, "completed", "failure", "abc123",
                                Instant.parse("2026-01-02T00:00:00Z"), 61L,
                                "https://github.com/acme/app/actions/runs/42", "build " + enrollment.name())),
                                page, perPage, 1);
                    }

                    @Override
                    public void rerun(Enrollment enrollment, long id) throws RunSourceException {
                        if (runFailure != null) {
                            throw runFailure;
                        }
                        reruns.add(enrollment.name() + "#" + id);
                    }
                };
            }
        };
    }

    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("test gate never opened");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void eventually(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Waits for the first cycle's status view. */
    ServeFixture ready() {
        eventually("the first sync", () -> running.server().ready());
        return this;
    }

    /** Asks for a cycle through the git webhook and waits until it finished and the view shows it. */
    void syncNow() {
        long before = cycles();
        HttpResponse<String> response = gitPush("refs/heads/main");
        if (response.statusCode() != 202) {
            throw new AssertionError("git push webhook answered " + response.statusCode() + ": " + response.body());
        }
        eventually("a cycle after the git push", () -> cycles() > before);
    }

    long cycles() {
        String metrics = get("/metrics").body();
        return metrics.lines().filter(l -> l.startsWith("image_factory_syncs_total ")).findFirst()
                .map(l -> Long.parseLong(l.substring(l.indexOf(' ') + 1))).orElseThrow();
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + running.server().port() + pathAndQuery);
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    HttpResponse<String> post(String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            bodies.add(response.body());
            return response;
        } catch (Exception e) {
            throw new AssertionError("request failed: " + e, e);
        }
    }

    HttpResponse<String> gitPush(String ref) {
        String body = "{\"ref\":\"" + ref + "\",\"after\":\"" + "a".repeat(40) + "\",\"repository\":{\"full_name\":\"acme/config\"}}";
        return post("/webhook/git", body, "X-GitHub-Event", "push", "Content-Type", "application/json",
                "X-Hub-Signature-256", io.jenkins.plugins.imagefactory.webhook.HmacSignatures.sign(
                        io.jenkins.plugins.imagefactory.secret.Secret.token(GIT_SECRET), body.getBytes(StandardCharsets.UTF_8)));
    }

    /** A distribution registry's notification of a tagged manifest push, shaped like the registry sends it. */
    static String distributionPush(String repository, String tag, String digest) {
        return """
                {"events":[{"id":"6e3a9b4c-1f0d-4c1e-9a53-0d2f7c1b8e02","timestamp":"2026-03-09T14:44:27.118Z","action":"push",
                "target":{"mediaType":"application/vnd.oci.image.manifest.v1+json","size":1054,"digest":"%s","length":1054,
                "repository":"%s","url":"http://10.0.4.17:5000/v2/%s/manifests/%s","tag":"%s"},
                "request":{"id":"2b1f5c7e","addr":"10.0.4.99:51234","host":"10.0.4.17:5000","method":"PUT","useragent":"buildkit/v0.15"},
                "actor":{"name":"ci-builder"},"source":{"addr":"registry-0:5000","instanceID":"a53db899"}}]}
                """.formatted(digest, repository, repository, digest, tag);
    }

    static List<String> hinted(List<CheckTarget> targets) {
        return targets.stream().filter(t -> t.detectedBy() == DetectedBy.WEBHOOK).map(t -> t.reference().canonical()).toList();
    }

    static ImageReference ref(String text) {
        return ImageReference.parse(text);
    }

    @Override
    public void close() {
        gate.countDown();
        gate = new CountDownLatch(0);
        if (running != null) {
            running.close();
        }
    }
}
