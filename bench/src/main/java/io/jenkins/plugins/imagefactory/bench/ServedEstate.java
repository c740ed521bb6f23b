package io.jenkins.plugins.imagefactory.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The read side of {@code serve} with a large estate loaded: a real {@code image-factory serve}
 * process (through the launcher) on a {@link SyncEstate}, its first cycle done, then {@code wrk}
 * on API pages (the default one too) and the dashboard. Part of {@code bench/run serve}.
 */
final class ServedEstate {

    private ServedEstate() {
    }

    static void measure(int images, int seconds, int connections) throws Exception {
        Path dir = Files.createTempDirectory("serve-estate");
        SyncEstate estate = SyncEstate.generate(dir, images, 300);
        int port;
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String launcher = System.getenv().getOrDefault("IMAGE_FACTORY_LAUNCHER", "./image-factory");
        String jar = System.getenv().getOrDefault("IMAGE_FACTORY_JAR", Path.of("cli/target/image-factory.jar").toAbsolutePath().toString());
        ProcessBuilder builder = new ProcessBuilder(launcher, "serve", "--repo", estate.configRemote.toUri().toString(),
                "--work-dir", dir.resolve("work").toString(), "--port", Integer.toString(port), "--interval", "1h")
                .redirectErrorStream(true).redirectOutput(dir.resolve("serve.log").toFile());
        builder.environment().put("IMAGE_FACTORY_JAR", jar);
        long start = System.nanoTime();
        Process serve = builder.start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI base = URI.create("http://127.0.0.1:" + port);
        try {
            awaitFirstCycle(http, base, serve, dir);
            System.out.printf(Locale.ROOT, "serve: %,d images loaded, first cycle done %.1f s after start; RSS %s%n", images,
                    (System.nanoTime() - start) / 1e9, memory(serve.pid()));
            List<String> paths = List.of("/api/v1/images?page=1&per_page=30", "/api/v1/images?page=100&per_page=50",
                    "/api/v1/images?q=app-77&per_page=30", "/api/v1/images?role=managed&status=ok&page=3",
                    "/api/v1/images", "/", "/images/app-4242");
            for (String path : paths) {
                HttpResponse<byte[]> one = http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(2)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                String url = base + path;
                new ProcessBuilder("wrk", "-t1", "-c2", "-d3s", url).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(60, TimeUnit.SECONDS);
                Process wrk = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency", url)
                        .redirectErrorStream(true).start();
                String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                wrk.waitFor(seconds + 60L, TimeUnit.SECONDS);
                System.out.printf(Locale.ROOT, "serve GET %-40s %d, %,9d bytes: %8.1f requests/s, p50 %7s, p99 %7s%s%n", path,
                        one.statusCode(), one.body().length, ServeBench.number(output, "Requests/sec:\\s+([0-9.]+)"),
                        ServeBench.text(output, "\\s50%\\s+([0-9.]+[a-z]+)"), ServeBench.text(output, "\\s99%\\s+([0-9.]+[a-z]+)"),
                        output.contains("Non-2xx") ? " (" + ServeBench.text(output, "Non-2xx or 3xx responses:\\s+([0-9]+)") + " non-2xx)" : "");
            }
            System.out.printf(Locale.ROOT, "serve: after the reads RSS %s%n", memory(serve.pid()));
        } finally {
            serve.destroy();
            if (!serve.waitFor(20, TimeUnit.SECONDS)) {
                serve.destroyForcibly();
            }
            estate.registry.close();
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void awaitFirstCycle(HttpClient http, URI base, Process serve, Path dir) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!serve.isAlive()) {
                throw new IllegalStateException("serve exited " + serve.exitValue() + ": " + Files.readString(dir.resolve("serve.log")));
            }
            try {
                int status = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/images?page=1&per_page=1"))
                        .timeout(Duration.ofMinutes(1)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) {
                    return;
                }
            } catch (IOException starting) {
                // not listening yet
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("serve did not finish its first cycle in 30 minutes");
    }

    /** Resident and peak resident memory of a process, as the kernel counts them. */
    static String memory(long pid) throws IOException {
        String status = Files.readString(Path.of("/proc/" + pid + "/status"));
        return "now " + ServeBench.text(status, "VmRSS:\\s+([0-9]+ kB)") + ", peak " + ServeBench.text(status, "VmHWM:\\s+([0-9]+ kB)");
    }
}
