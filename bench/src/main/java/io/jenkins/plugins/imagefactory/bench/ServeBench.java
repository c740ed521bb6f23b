package io.jenkins.plugins.imagefactory.bench;

import io.jenkins.plugins.imagefactory.cli.serve.ImageFactoryServer;
import io.jenkins.plugins.imagefactory.cli.serve.ServeServices;
import io.jenkins.plugins.imagefactory.cli.serve.ServeSettings;
import io.jenkins.plugins.imagefactory.git.ConfigRepository;
import io.jenkins.plugins.imagefactory.git.ConfigRepositoryLocation;
import io.jenkins.plugins.imagefactory.rebuild.RebuildCoordinator;
import io.jenkins.plugins.imagefactory.secret.Secret;
import io.jenkins.plugins.imagefactory.secret.SecretResolver;
import io.jenkins.plugins.imagefactory.status.RunSource;
import io.jenkins.plugins.imagefactory.sync.DigestCheck;
import io.jenkins.plugins.imagefactory.sync.DiscoveryOutcome;
import io.jenkins.plugins.imagefactory.sync.ManualActions;
import io.jenkins.plugins.imagefactory.sync.SyncEngine;
import io.jenkins.plugins.imagefactory.sync.SyncRunner;
import io.jenkins.plugins.imagefactory.webhook.WebhookEndpoint;
import io.jenkins.plugins.imagefactory.webhook.WebhookReceiver;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Webhook ingest of {@code image-factory serve} under load from a second process ({@code wrk}, from
 * Debian), while a slow sync cycle keeps running: every request is a real, authenticated CNCF
 * distribution push notification. Goal: at least 1,000 events/s with p99 at most 20 ms.
 * {@code bench/run serve [seconds] [connections] [images]} (default 10 s, 4 connections, after a 5 s
 * warm-up). Then the read side with {@code images} (default 10,000) loaded: see {@link ServedEstate};
 * goal: p50 at most 50 ms for an API page.
 */
public final class ServeBench {

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int images = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        Path dir = Files.createTempDirectory("serve-bench");
        Path remote = dir.resolve("config.git");
        org.eclipse.jgit.api.Git.init().setBare(true).setInitialBranch("main").setDirectory(remote.toFile()).call().close();
        try (org.eclipse.jgit.api.Git seed = org.eclipse.jgit.api.Git.cloneRepository().setURI(remote.toUri().toString())
                .setDirectory(dir.resolve("seed").toFile()).call()) {
            Path tree = dir.resolve("seed");
            Files.writeString(tree.resolve("image-factory.yaml"), "version: 1\n");
            Files.createDirectories(tree.resolve("images"));
            Files.writeString(tree.resolve("images/app.yaml"), "name: app\nimage: 127.0.0.1:5000/team/app\n"
                    + "source: {repository: \"https://git.example.com/app.git\"}\nbuild: {webhook: {url: \"http://127.0.0.1:9/\"}}\n");
            seed.add().addFilepattern(".").call();
            seed.commit().setMessage("config").setAuthor("bench", "bench@localhost").setCommitter("bench", "bench@localhost").call();
            seed.push().setRemote("origin").add("HEAD:refs/heads/main").call();
        }
        ConfigRepository repository = ConfigRepository.open(ConfigRepositoryLocation.of(remote.toUri().toString(), "main",
                dir.resolve("work")), SecretResolver.none());
        repository.refresh();
        // A slow cycle: the checker takes 2 s, so load always lands while a sync runs.
        SyncEngine engine = new SyncEngine(repository, (enrollments, previous) -> {
            Map<String, DiscoveryOutcome> out = new HashMap<>();
            enrollments.forEach(e -> out.put(e.name(), new DiscoveryOutcome.Found("c", "Dockerfile", Map.of(), java.util.List.of())));
            return out;
        }, (targets, previous) -> {
            sleep(2000);
            Map<String, DigestCheck> out = new HashMap<>();
            targets.forEach(t -> out.put(t.reference().canonical(), new DigestCheck.Seen("sha256:" + "a".repeat(64),
                    Map.of(), null, t.detectedBy())));
            return out;
        }, new RebuildCoordinator(kind -> Optional.empty()), Clock.systemUTC(), step -> { });
        SyncRunner runner = new SyncRunner(() -> engine, Clock.systemUTC());
        WebhookReceiver receiver = WebhookReceiver.of(WebhookEndpoint.distribution("127.0.0.1:5000", Secret.token("Bearer bench")));
        ImageFactoryServer server = ImageFactoryServer.start(new ServeSettings(new InetSocketAddress("127.0.0.1", 0), receiver,
                Optional.empty(), "main", Optional.empty(), ServeSettings.DEFAULT_THREADS),
                new ServeServices(runner, repository.workTree(), new ManualActions(repository, Clock.systemUTC()),
                        (ref, page, perPage) -> { throw new UnsupportedOperationException(); }, new NoRuns(), Clock.systemUTC()));
        runner.start(Duration.ofHours(1));

        Path script = dir.resolve("push.lua");
        Files.writeString(script, """
                wrk.method = "POST"
                wrk.headers["Content-Type"] = "application/vnd.docker.distribution.events.v1+json"
                wrk.headers["Authorization"] = "Bearer bench"
                wrk.body = '{"events":[{"id":"e1","timestamp":"2026-11-23T10:00:00Z","action":"push","target":{"mediaType":"application/vnd.oci.image.manifest.v1+json","size":528,"digest":"sha256:%s","length":528,"repository":"team/app","url":"http://127.0.0.1:5000/v2/team/app/manifests/sha256:%s","tag":"latest"},"request":{"id":"r1","addr":"127.0.0.1:4000","host":"127.0.0.1:5000","method":"PUT","useragent":"bench"},"actor":{},"source":{"addr":"127.0.0.1:5000","instanceID":"bench"}}]}'
                """.formatted("b".repeat(64), "b".repeat(64)), StandardCharsets.UTF_8);
        String url = "http://127.0.0.1:" + server.port() + "/webhook/registry/distribution";
        // Warm up (JIT, connection pools) so the measured run is the steady state.
        new ProcessBuilder("wrk", "-t1", "-c2", "-d5s", "-s", script.toString(), url).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(60, TimeUnit.SECONDS);
        Process wrk = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency", "-s",
                script.toString(), url).redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        wrk.waitFor(seconds + 30L, TimeUnit.SECONDS);
        System.out.print(output);
        double rate = number(output, "Requests/sec:\\s+([0-9.]+)");
        String p99 = text(output, "\\s99%\\s+([0-9.]+[a-z]+)");
        long non2xx = (long) number(output, "Non-2xx or 3xx responses:\\s+([0-9]+)");
        System.out.printf("serve: webhook ingest %.0f events/s (goal >= 1000), p99 %s (goal <= 20ms), %d non-2xx,"
                        + " while %d sync cycles ran; peak heap %d MiB%n", rate, p99, non2xx, runner.cycles(), Synthetic.peakHeapMb());
        server.close();
        runner.close();
        repository.close();
        if (images > 0) {
            ServedEstate.measure(images, seconds, connections);
        }
    }

    /** The first group of {@code pattern} in {@code text} (wrk's output), as a number; 0 when absent. */
    static double number(String text, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    static String text(String text, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(text);
        return m.find() ? m.group(1) : "?";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class NoRuns implements RunSource {
        @Override
        public RunPage runs(io.jenkins.plugins.imagefactory.config.Enrollment enrollment, int page, int perPage) {
            return new RunPage(java.util.List.of(), page, perPage, 0);
        }

        @Override
        public void rerun(io.jenkins.plugins.imagefactory.config.Enrollment enrollment, long id) {
        }
    }

}
