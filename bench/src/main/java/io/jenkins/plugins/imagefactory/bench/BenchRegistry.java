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
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/** Just enough of a docker-registry launcher for harnesses: loopback port, filesystem storage, tiny OCI pushes. */
final class BenchRegistry implements AutoCloseable {

    final String host;
    final URI base;
    private final Process process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Path log;

    private BenchRegistry(int port, Process process, Path log) {
        this.host = "127.0.0.1:" + port;
        this.base = URI.create("http://" + host);
        this.process = process;
        this.log = log;
    }

    /**
     * Manifest requests (HEAD or GET) logged so far, when started with the access log: what
     * clients really sent, counted by the registry itself.
     */
    long manifestRequests() throws IOException {
        try (var lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            return lines.filter(line -> line.contains("\"HEAD /v2/") || line.contains("\"GET /v2/"))
                    .filter(line -> line.contains("/manifests/")).count();
        }
    }

    static BenchRegistry start(Path dir) throws IOException, InterruptedException {
        return start(dir, false);
    }

    /** @param accessLog whether the registry logs every request (to count what a client sent) */
    static BenchRegistry start(Path dir, boolean accessLog) throws IOException, InterruptedException {
        Path binary = Path.of("/usr/bin/docker-registry");
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException(binary + " is missing: install the Debian package docker-registry");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Files.createDirectories(dir);
        Path config = dir.resolve("config.yml");
        Files.writeString(config, "version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: " + !accessLog + "\n"
                + "storage:\n  filesystem:\n    rootdirectory: " + dir.resolve("storage") + "\n"
                + "http:\n  addr: 127.0.0.1:" + port + "\n");
        Process process = new ProcessBuilder(binary.toString(), "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        BenchRegistry registry = new BenchRegistry(port, process, dir.resolve("registry.log"));
        for (int i = 0; i < 200; i++) {
            try {
                if (registry.http.send(HttpRequest.newBuilder(registry.base.resolve("/v2/")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return registry;
                }
            } catch (IOException starting) {
                Thread.sleep(50);
            }
        }
        registry.close();
        throw new IOException("docker-registry did not start: " + Files.readString(dir.resolve("registry.log")));
    }

    /** Pushes a one-layer OCI image whose config carries {@code label}, so each label gives a new digest. */
    String pushImage(String repository, String tag, String label) throws Exception {
        return putManifest(repository, tag, uploadImage(repository, label));
    }

    /** Uploads the blobs of a one-layer image labelled {@code label}; returns its manifest, not yet tagged. */
    String uploadImage(String repository, String label) throws Exception {
        byte[] layer = "bench layer".getBytes(StandardCharsets.UTF_8);
        String layerDigest = pushBlob(repository, layer);
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{\"n\":\"" + label
                + "\"}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + layerDigest + "\"]}}").getBytes(StandardCharsets.UTF_8);
        String configDigest = pushBlob(repository, config);
        return "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest
                + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\","
                + "\"digest\":\"" + layerDigest + "\",\"size\":" + layer.length + "}]}";
    }

    /** Tags {@code manifest} (whose blobs the repository holds) as {@code tag}; returns its digest. */
    String putManifest(String repository, String tag, String manifest) throws Exception {
        HttpResponse<String> put = send(HttpRequest.newBuilder(base.resolve("/v2/" + repository + "/manifests/" + tag))
                .header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
                .PUT(HttpRequest.BodyPublishers.ofString(manifest)), 201);
        return put.headers().firstValue("docker-content-digest").orElseThrow();
    }

    String pushBlob(String repository, byte[] content) throws Exception {
        String digest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        HttpResponse<String> start = send(HttpRequest.newBuilder(base.resolve("/v2/" + repository + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()), 202);
        URI upload = base.resolve(start.headers().firstValue("location").orElseThrow());
        send(HttpRequest.newBuilder(URI.create(upload + (upload.getQuery() == null ? "?" : "&") + "digest=" + digest))
                .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofByteArray(content)), 201);
        return digest;
    }

    HttpResponse<String> send(HttpRequest.Builder request, int expected) throws Exception {
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(response.request().uri() + ": expected " + expected + ", got " + response.statusCode()
                    + " " + response.body());
        }
        return response;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
