package io.jenkins.plugins.imagefactory.bench;

import io.jenkins.plugins.imagefactory.state.DetectedBy;
import io.jenkins.plugins.imagefactory.config.RegistrySettings;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.image.Platform;
import io.jenkins.plugins.imagefactory.registry.RegistryClient;
import io.jenkins.plugins.imagefactory.watch.CheckOutcome;
import io.jenkins.plugins.imagefactory.watch.CycleReport;
import io.jenkins.plugins.imagefactory.watch.DigestWatcher;
import io.jenkins.plugins.imagefactory.watch.KnownDigest;
import io.jenkins.plugins.imagefactory.watch.WatchTarget;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Pushes 2,000 tiny tags to a real local docker-registry, then watches them through 10,000
 * enrollment references with {@link DigestWatcher}: requests per distinct reference (goal 1.00),
 * wall time and peak heap, for a first cycle (all new) and a steady-state cycle (all unchanged).
 * Then, in the same run against the same registry, the {@code image-factory check} command (a
 * fresh process through the launcher, as a person runs it) of the first {@code CHECKED} tags
 * against {@code curl --parallel --parallel-max 8} sending the same manifest HEADs over keep-alive
 * connections; the registry's access log counts what each really sent.
 * Usage: {@code bench/run registry [TAGS] [ENROLLMENTS] [CHECKED]} (default 2,000, 10,000, 2,000);
 * {@code IMAGE_FACTORY_LAUNCHER} and {@code IMAGE_FACTORY_JAR} choose the CLI as for {@code sync}.
 */
public final class RegistryBench {

    private static final Platform AMD64 = Platform.parse("linux/amd64");

    public static void main(String[] args) throws Exception {
        int tags = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int enrollments = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int checked = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
        Path dir = Files.createTempDirectory("registry-bench");
        try (BenchRegistry registry = BenchRegistry.start(dir, true)) {
            long pushStart = System.nanoTime();
            pushTags(registry, tags);
            System.out.printf("pushed %d tags in %.1f s%n", tags, (System.nanoTime() - pushStart) / 1e9);

            List<WatchTarget> targets = new ArrayList<>(enrollments);
            for (int i = 0; i < enrollments; i++) {
                targets.add(new WatchTarget(ImageReference.parse(registry.host + "/bench/base:t" + (i % tags)), Set.of(AMD64)));
            }
            RegistryClient client = RegistryClient.builder()
                    .registries(List.of(new RegistrySettings(registry.host, false, null, 16)))
                    .build();
            DigestWatcher watcher = new DigestWatcher(client, Clock.systemUTC(), 0, 16);
            resetPeaks();
            Map<ImageReference, KnownDigest> state = new HashMap<>();
            for (String cycle : List.of("first cycle (all new)", "second cycle (all unchanged)")) {
                long before = client.requestCount();
                long start = System.nanoTime();
                CycleReport report = watcher.check(targets, state, DetectedBy.POLL);
                double seconds = (System.nanoTime() - start) / 1e9;
                long requests = client.requestCount() - before;
                int distinct = report.outcomes().size();
                for (CheckOutcome outcome : report.outcomes()) {
                    if (outcome instanceof CheckOutcome.Discovered d) {
                        state.put(d.reference(), KnownDigest.of(d.current(), d.checkedAt()));
                    } else if (outcome instanceof CheckOutcome.Unchanged u) {
                        state.put(u.reference(), KnownDigest.of(u.current(), u.checkedAt()));
                    }
                }
                System.out.printf("%s: %d enrollment refs, %d distinct, %d requests, requests/distinct = %.2f, "
                                + "discovered %d, unchanged %d, updated %d, failed %d, deferred %d, wall %.2f s (%.0f checks/s)%n",
                        cycle, enrollments, distinct, requests, (double) requests / distinct, report.discovered().size(),
                        report.unchanged().size(), report.updated().size(), report.failed().size(), report.deferred().size(),
                        seconds, distinct / seconds);
            }
            System.out.printf("peak heap during checks: %.1f MiB%n", peakHeapBytes() / 1024.0 / 1024.0);
            compareWithCurl(registry, dir, Math.min(checked, tags));
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * {@code image-factory check} of {@code count} references against curl's parallel HEADs of the
     * same manifests, each run twice (the better run counts: the machine is shared).
     */
    private static void compareWithCurl(BenchRegistry registry, Path dir, int count) throws Exception {
        Path config = dir.resolve("check-config");
        Files.createDirectories(config);
        Files.writeString(config.resolve("image-factory.yaml"), "version: 1\nregistries:\n  - host: \"" + registry.host
                + "\"\n    insecure: true\n    concurrency: 8\n");
        List<String> command = new ArrayList<>(List.of(System.getenv().getOrDefault("IMAGE_FACTORY_LAUNCHER", "./image-factory"),
                "check", "--config", config.toString()));
        StringBuilder curlConfig = new StringBuilder();
        for (int i = 0; i < count; i++) {
            command.add(registry.host + "/bench/base:t" + i);
            curlConfig.append("url = \"").append(registry.base).append("/v2/bench/base/manifests/t").append(i).append("\"\n")
                    .append("output = \"/dev/null\"\n");
        }
        Path curlFile = dir.resolve("curl.txt");
        Files.writeString(curlFile, curlConfig);
        List<String> curl = List.of("curl", "--parallel", "--parallel-max", "8", "--silent", "--show-error", "--fail", "--head",
                "-H", "Accept: application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json,"
                        + " application/vnd.docker.distribution.manifest.list.v2+json,"
                        + " application/vnd.docker.distribution.manifest.v2+json",
                "--config", curlFile.toString());
        String jar = System.getenv().getOrDefault("IMAGE_FACTORY_JAR", Path.of("cli/target/image-factory.jar").toAbsolutePath().toString());
        double bestCheck = Double.MAX_VALUE;
        double bestCurl = Double.MAX_VALUE;
        for (int round = 1; round <= 2; round++) {
            long before = registry.manifestRequests();
            TimedProcess check = TimedProcess.run(command, Map.of("IMAGE_FACTORY_JAR", jar), dir.resolve("check.out"), 600);
            long checkRequests = registry.manifestRequests() - before;
            before = registry.manifestRequests();
            TimedProcess parallel = TimedProcess.run(curl, Map.of(), dir.resolve("curl.out"), 600);
            long curlRequests = registry.manifestRequests() - before;
            if (check.exitCode() != 0 || parallel.exitCode() != 0) {
                throw new IllegalStateException("check exited " + check.exitCode() + ", curl " + parallel.exitCode() + ": "
                        + check.stderrText() + parallel.stderrText());
            }
            System.out.printf(java.util.Locale.ROOT, "round %d: image-factory check of %,d refs: wall %.2f s, cpu %.2f s,"
                            + " peak RSS %.0f MiB, %d requests | curl --parallel-max 8: wall %.2f s, cpu %.2f s, %d requests"
                            + " | ratio %.2f (goal <= 1.5)%n", round, count, check.wallSeconds(), check.cpuSeconds(),
                    check.peakRssMib(), checkRequests, parallel.wallSeconds(), parallel.cpuSeconds(), curlRequests,
                    check.wallSeconds() / parallel.wallSeconds());
            bestCheck = Math.min(bestCheck, check.wallSeconds());
            bestCurl = Math.min(bestCurl, parallel.wallSeconds());
        }
        System.out.printf(java.util.Locale.ROOT, "check vs curl, best of 2: %.2f s vs %.2f s = %.2f x (goal <= 1.5 x)%n",
                bestCheck, bestCurl, bestCheck / bestCurl);
    }

    /** Each tag gets its own config blob and manifest; the one layer is shared. */
    private static void pushTags(BenchRegistry registry, int tags) throws Exception {
        byte[] layer = "bench layer".getBytes(StandardCharsets.UTF_8);
        String layerDigest = registry.pushBlob("bench/base", layer);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < tags; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{\"n\":\"" + n
                            + "\"}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + layerDigest + "\"]}}").getBytes(StandardCharsets.UTF_8);
                    String configDigest = registry.pushBlob("bench/base", config);
                    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                            + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest
                            + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\","
                            + "\"digest\":\"" + layerDigest + "\",\"size\":" + layer.length + "}]}";
                    registry.send(HttpRequest.newBuilder(registry.base.resolve("/v2/bench/base/manifests/t" + n))
                            .header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
                            .PUT(HttpRequest.BodyPublishers.ofString(manifest)), 201);
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeapBytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }
}
