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
        try (LocalRegistry registry = LocalRegistry.start(dir)) {
            long pushStart = System.nanoTime();
            pushTags(registry.base, tags);
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
    private static void pushTags(URI base, int tags) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        byte[] layer = "bench layer".getBytes(StandardCharsets.UTF_8);
        String layerDigest = pushBlob(http, base, layer);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < tags; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{\"n\":\"" + n
                            + "\"}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + layerDigest + "\"]}}").getBytes(StandardCharsets.UTF_8);
                    String configDigest = pushBlob(http, base, config);
                    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                            + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest
                            + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\","
                            + "\"digest\":\"" + layerDigest + "\",\"size\":" + layer.length + "}]}";
                    send(http, HttpRequest.newBuilder(base.resolve("/v2/bench/base/manifests/t" + n))
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

    private static String pushBlob(HttpClient http, URI base, byte[] content) throws Exception {
        String digest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        HttpResponse<String> start = send(http, HttpRequest.newBuilder(base.resolve("/v2/bench/base/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()), 202);
        URI upload = base.resolve(start.headers().firstValue("location").orElseThrow());
        send(http, HttpRequest.newBuilder(URI.create(upload + (upload.getQuery() == null ? "?" : "&") + "digest=" + digest))
                .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofByteArray(content)), 201);
        return digest;
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request, int expected) throws Exception {
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(response.request().uri() + ": expected " + expected + ", got " + response.statusCode()
                    + " " + response.body());
        }
        return response;
    }

    private static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeapBytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    /** Just enough of a docker-registry launcher: loopback port, filesystem storage, wait for /v2/. */
    private static final class LocalRegistry implements AutoCloseable {
        final String host;
        final URI base;
        private final Process process;

        private LocalRegistry(int port, Process process) {
            this.host = "127.0.0.1:" + port;
            this.base = URI.create("http://" + host);
            this.process = process;
        }

        static LocalRegistry start(Path dir) throws IOException, InterruptedException {
            Path binary = Path.of("/usr/bin/docker-registry");
            if (!Files.isExecutable(binary)) {
                throw new IllegalStateException(binary + " is missing: install the Debian package docker-registry");
            }
            int port;
            try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            Path config = dir.resolve("config.yml");
            Files.writeString(config, "version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\n"
                    + "storage:\n  filesystem:\n    rootdirectory: " + dir.resolve("storage") + "\n"
                    + "http:\n  addr: 127.0.0.1:" + port + "\n");
            Process process = new ProcessBuilder(binary.toString(), "serve", config.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
            LocalRegistry registry = new LocalRegistry(port, process);
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < 200; i++) {
                try {
                    if (http.send(HttpRequest.newBuilder(registry.base.resolve("/v2/")).build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode() == 200) {
                        return registry;
                    }
                } catch (IOException starting) {
                    Thread.sleep(50);
                }
            }
            registry.close();
            throw new IOException("docker-registry did not start: " + Files.readString(dir.resolve("registry.log")));
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
