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
 * Usage: {@code bench/run registry [TAGS] [ENROLLMENTS]}.
 */
public final class RegistryBench {

    private static final Platform AMD64 = Platform.parse("linux/amd64");

    public static void main(String[] args) throws Exception {
        int tags = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int enrollments = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        Path dir = Files.createTempDirectory("registry-bench");
        try (BenchRegistry registry = BenchRegistry.start(dir)) {
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
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
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
