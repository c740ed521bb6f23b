package io.jenkins.plugins.imagefactory.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.imagefactory.secret.Secret;
import io.jenkins.plugins.imagefactory.webhook.WebhookResult.Accepted;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real CNCF distribution registry sends its notifications to the receiver: the envelope shape,
 * the Authorization header from its config and the tag on a manifest push are the registry's
 * own, not a fixture's.
 */
class DistributionRegistryNotificationTest {

    private static final Path REGISTRY = Path.of("/usr/bin/docker-registry");
    private static final String AUTHORIZATION = "Bearer registry-notification-token";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path work;

    private HttpServer hookServer;
    private Process registry;
    private final List<WebhookResult> results = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    @AfterEach
    void stop() throws InterruptedException {
        if (registry != null) {
            registry.destroy();
            if (!registry.waitFor(10, TimeUnit.SECONDS)) {
                registry.destroyForcibly();
            }
        }
        if (hookServer != null) {
            hookServer.stop(0);
        }
    }

    @Test
    void tagged_manifest_push_to_a_real_registry_arrives_as_one_hint() throws Exception {
        requireRegistryBinary();
        int registryPort = freePort();
        String configuredHost = "localhost:" + registryPort;
        WebhookReceiver receiver = WebhookReceiver.of(
                WebhookEndpoint.distribution(configuredHost, Secret.token(AUTHORIZATION)));
        startHookServer(receiver);
        startRegistry(registryPort, hookServer.getAddress().getPort());

        String base = "http://127.0.0.1:" + registryPort + "/v2/platform/base";
        byte[] layer = "layer bytes".getBytes(StandardCharsets.UTF_8);
        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
                .getBytes(StandardCharsets.UTF_8);
        pushBlob(base, layer);
        pushBlob(base, config);
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + digest(config)
                + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\","
                + "\"digest\":\"" + digest(layer) + "\",\"size\":" + layer.length + "}]}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(base + "/manifests/1.0"))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as("manifest PUT: %s", put.body()).isEqualTo(201);

        List<PushHint> hints = awaitHints();

        assertThat(hints).singleElement().satisfies(hint -> {
            assertThat(hint.reference().canonical())
                    .isEqualTo(configuredHost + "/platform/base:1.0@" + digest(manifest));
            assertThat(hint.source()).isEqualTo(WebhookKind.DISTRIBUTION);
            assertThat(hint.pushedAt()).isNotNull();
        });
        assertThat(results).allSatisfy(result -> assertThat(result).isNotInstanceOf(WebhookResult.Rejected.class));
    }

    private List<PushHint> awaitHints() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            List<PushHint> hints = results.stream()
                    .filter(Accepted.class::isInstance)
                    .flatMap(result -> ((Accepted) result).hints().stream())
                    .toList();
            if (!hints.isEmpty()) {
                return hints;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no push hint within 30s; deliveries so far: " + results);
    }

    /** The test's stand-in for a host: HTTP exchange in, receiver call, status out. */
    private void startHookServer(WebhookReceiver receiver) throws IOException {
        hookServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        hookServer.createContext("/webhook/registry/", exchange -> {
            try (exchange) {
                String kind = exchange.getRequestURI().getPath().substring("/webhook/registry/".length());
                byte[] body = readBounded(exchange, receiver.maxBodyBytes());
                WebhookResult result = receiver.receive(new WebhookRequest(kind, exchange.getRequestHeaders(), body,
                        WebhookRequest.parseQueryString(exchange.getRequestURI().getRawQuery())));
                results.add(result);
                exchange.sendResponseHeaders(result.httpStatus(), -1);
            }
        });
        hookServer.start();
    }

    private static byte[] readBounded(HttpExchange exchange, int max) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readNBytes(max + 1);
        }
    }

    private void startRegistry(int port, int hookPort) throws Exception {
        Path config = work.resolve("config.yml");
        Files.writeString(config, """
                version: 0.1
                log:
                  level: warn
                storage:
                  filesystem:
                    rootdirectory: %s
                http:
                  addr: 127.0.0.1:%d
                notifications:
                  endpoints:
                    - name: image-factory
                      url: http://127.0.0.1:%d/webhook/registry/distribution
                      headers:
                        Authorization: [%s]
                      timeout: 2s
                      threshold: 3
                      backoff: 1s
                """.formatted(work.resolve("storage"), port, hookPort, AUTHORIZATION));
        registry = new ProcessBuilder(REGISTRY.toString(), "serve", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("registry.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!registry.isAlive()) {
                throw new AssertionError("docker-registry exited: " + Files.readString(work.resolve("registry.log")));
            }
            try {
                HttpResponse<Void> ping = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/"))
                        .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.discarding());
                if (ping.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("docker-registry did not answer on port " + port + " within 20s");
    }

    private void pushBlob(String base, byte[] blob) throws Exception {
        HttpResponse<Void> start = http.send(HttpRequest.newBuilder(URI.create(base + "/blobs/uploads/"))
                .timeout(TIMEOUT).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(start.statusCode()).as("blob upload start").isEqualTo(202);
        String location = start.headers().firstValue("Location").orElseThrow();
        URI upload = URI.create(base).resolve(location);
        String separator = upload.getQuery() == null ? "?" : "&";
        HttpResponse<String> done = http.send(HttpRequest.newBuilder(URI.create(upload + separator + "digest=" + digest(blob)))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(blob)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(done.statusCode()).as("blob upload: %s", done.body()).isEqualTo(201);
    }

    private static String digest(byte[] content) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void requireRegistryBinary() {
        if ("true".equals(System.getenv("CI"))) {
            assertThat(Files.isExecutable(REGISTRY))
                    .as("%s is required when CI=true (apt-get install docker-registry)", REGISTRY).isTrue();
        } else {
            assumeThat(Files.isExecutable(REGISTRY)).as("%s is installed", REGISTRY).isTrue();
        }
    }
}
