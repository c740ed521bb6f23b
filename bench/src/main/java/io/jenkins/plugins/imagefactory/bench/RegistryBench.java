package io.jenkins.plugins.imagefactory.bench;

import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.image.Platform;
import io.jenkins.plugins.imagefactory.registry.RegistryClient;
import io.jenkins.plugins.imagefactory.watch.CheckResult;
import io.jenkins.plugins.imagefactory.watch.DigestWatcher;
import io.jenkins.plugins.imagefactory.watch.KnownDigest;
import io.jenkins.plugins.imagefactory.watch.PushedAtLookup;
import io.jenkins.plugins.imagefactory.watch.WatchCycle;
import io.jenkins.plugins.imagefactory.watch.WatchRequest;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetAddress;
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
import java.util.concurrent.TimeUnit;

/**
 * Pushes {@code tags} tiny images to a local distribution registry, then checks them through the
 * watcher with {@code references} enrollment references pointing at them (goal: requests ÷
 * distinct references = 1.00). {@code bench/run registry [tags] [references]}.
 */
public final class RegistryBench {

    public static void main(String[] args) throws Exception {
        int tags = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int references = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        try (LocalRegistry registry = LocalRegistry.start()) {
            long pushStart = System.nanoTime();
            Map<ImageReference, String> pushed = registry.pushTags("bench/base", tags);
            System.out.printf("pushed %d tags in %.1f s%n", tags, (System.nanoTime() - pushStart) / 1e9);

            List<ImageReference> distinct = new ArrayList<>(pushed.keySet());
            List<WatchRequest> requests = new ArrayList<>(references);
            for (int i = 0; i < references; i++) {
                requests.add(WatchRequest.poll(distinct.get(i % distinct.size()), Set.of(Platform.LINUX_AMD64)));
            }
            RegistryClient client = RegistryClient.builder().build();
            DigestWatcher watcher = new DigestWatcher(client, PushedAtLookup.unknown(), Clock.systemUTC(), 0, 8);

            resetPeaks();
            long start = System.nanoTime();
            WatchCycle first = watcher.check(requests, Map.of());
            double firstSeconds = (System.nanoTime() - start) / 1e9;
            report("first cycle (baseline)", first, references, distinct.size(), firstSeconds);

            Map<ImageReference, KnownDigest> known = new HashMap<>();
            first.results().forEach((reference, result) -> {
                if (result instanceof CheckResult.FirstSeen seen) {
                    known.put(reference, new KnownDigest(seen.digest(), seen.mediaType(), seen.platformDigests(), seen.checkedAt()));
                }
            });
            start = System.nanoTime();
            WatchCycle second = watcher.check(requests, known);
            report("second cycle (unchanged)", second, references, distinct.size(), (System.nanoTime() - start) / 1e9);
            System.out.printf("peak heap: %.1f MiB%n", peakHeapBytes() / 1024.0 / 1024.0);
        }
    }

    private static void report(String label, WatchCycle cycle, int references, int distinct, double seconds) {
        long failed = cycle.results().values().stream().filter(CheckResult.Failed.class::isInstance).count();
        System.out.printf("%s: %d references -> %d distinct checked, %d failed, %d deferred; requests %d, "
                        + "requests/distinct %.2f, wall %.2f s%n",
                label, references, cycle.results().size(), failed, cycle.deferred().size(), cycle.requests(),
                (double) cycle.requests() / distinct, seconds);
    }

    private static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeapBytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed())
                .sum();
    }

    /** Just enough of a local /usr/bin/docker-registry to benchmark against. */
    static final class LocalRegistry implements AutoCloseable {
        private static final Path BINARY = Path.of("/usr/bin/docker-registry");
        private static final byte[] LAYER = "bench layer".getBytes(StandardCharsets.UTF_8);
        private final Process process;
        private final Path dir;
        private final int port;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        private LocalRegistry(Process process, Path dir, int port) {
            this.process = process;
            this.dir = dir;
            this.port = port;
        }

        static LocalRegistry start() throws Exception {
            if (!Files.isExecutable(BINARY)) {
                throw new IllegalStateException(BINARY + " is missing; install the docker-registry package");
            }
            Path dir = Files.createTempDirectory("registry-bench");
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            Path config = dir.resolve("config.yml");
            Files.writeString(config, """
                    version: 0.1
                    log:
                      level: error
                      accesslog:
                        disabled: true
                    storage:
                      filesystem:
                        rootdirectory: %s
                    http:
                      addr: 127.0.0.1:%d
                    """.formatted(dir.resolve("storage"), port));
            Process process = new ProcessBuilder(BINARY.toString(), "serve", config.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
            LocalRegistry registry = new LocalRegistry(process, dir, port);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                try {
                    if (registry.send(HttpRequest.newBuilder(registry.uri("/v2/")).build()).statusCode() == 200) {
                        return registry;
                    }
                } catch (IOException notYet) {
                    Thread.sleep(50);
                }
            }
            registry.close();
            throw new IllegalStateException("docker-registry did not start on port " + port);
        }

        /** Pushes {@code count} tags, each a manifest with its own config blob and a shared layer. */
        Map<ImageReference, String> pushTags(String repository, int count) throws Exception {
            pushBlob(repository, LAYER);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Map.Entry<ImageReference, String>>> futures = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    int n = i;
                    futures.add(pool.submit(() -> {
                        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{\"n\":\"" + n
                                + "\"}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + digest(LAYER) + "\"]}}")
                                .getBytes(StandardCharsets.UTF_8);
                        pushBlob(repository, config);
                        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
                                + digest(config) + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":"
                                + "\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + digest(LAYER) + "\",\"size\":"
                                + LAYER.length + "}]}").getBytes(StandardCharsets.UTF_8);
                        HttpResponse<String> put = send(HttpRequest.newBuilder(uri("/v2/" + repository + "/manifests/t" + n))
                                .header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
                                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)).build());
                        if (put.statusCode() != 201) {
                            throw new IllegalStateException("manifest PUT answered " + put.statusCode() + ": " + put.body());
                        }
                        return Map.entry(ImageReference.parse("127.0.0.1:" + port + "/" + repository + ":t" + n), digest(manifest));
                    }));
                }
                Map<ImageReference, String> out = new HashMap<>();
                for (Future<Map.Entry<ImageReference, String>> f : futures) {
                    Map.Entry<ImageReference, String> e = f.get();
                    out.put(e.getKey(), e.getValue());
                }
                return out;
            } finally {
                pool.shutdownNow();
            }
        }

        private void pushBlob(String repository, byte[] blob) throws Exception {
            HttpResponse<String> start = send(HttpRequest.newBuilder(uri("/v2/" + repository + "/blobs/uploads/"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build());
            URI location = uri("/").resolve(start.headers().firstValue("Location").orElseThrow());
            String separator = location.getQuery() == null ? "?" : "&";
            HttpResponse<String> done = send(HttpRequest.newBuilder(URI.create(location + separator + "digest=" + digest(blob)))
                    .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofByteArray(blob)).build());
            if (done.statusCode() != 201) {
                throw new IllegalStateException("blob upload answered " + done.statusCode() + ": " + done.body());
            }
        }

        private URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }

        private static String digest(byte[] content) throws Exception {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
