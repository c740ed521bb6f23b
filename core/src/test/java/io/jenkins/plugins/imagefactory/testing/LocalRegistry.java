package io.jenkins.plugins.imagefactory.testing;

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
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A real CNCF distribution registry ({@code /usr/bin/docker-registry}) on a free loopback port,
 * storing into a temporary directory, optionally with htpasswd auth and a notifications endpoint.
 * Use through {@link LocalRegistryExtension} in tests.
 */
public final class LocalRegistry implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/bin/docker-registry");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    /**
     * @param username              htpasswd user, or {@code null} for an anonymous registry
     * @param password              that user's password
     * @param notificationUrl       URL that receives the registry's push/pull events, or {@code null}
     * @param notificationAuthorization value of the {@code Authorization} header sent with events, or {@code null}
     */
    public record Options(String username, String password, String notificationUrl, String notificationAuthorization) {
        public static Options anonymous() {
            return new Options(null, null, null, null);
        }

        public Options withBasicAuth(String user, String pass) {
            return new Options(user, pass, notificationUrl, notificationAuthorization);
        }

        public Options withNotifications(String url, String authorization) {
            return new Options(username, password, url, authorization);
        }

        public boolean hasAuth() {
            return username != null;
        }
    }

    private final Options options;
    private final Path directory;
    private final int port;
    private final Process process;

    private LocalRegistry(Options options, Path directory, int port, Process process) {
        this.options = options;
        this.directory = directory;
        this.port = port;
        this.process = process;
    }

    /** Starts a registry and waits until {@code /v2/} answers. */
    public static LocalRegistry start(Options options, Path directory) throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: install the Debian package docker-registry");
        }
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            Path config = writeConfig(options, directory, port);
            Path log = directory.resolve("registry-" + port + ".log");
            Process process = new ProcessBuilder(BINARY.toString(), "serve", config.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            LocalRegistry registry = new LocalRegistry(options, directory, port, process);
            try {
                registry.awaitReady();
                return registry;
            } catch (IOException e) {
                registry.close();
                last = e;
            }
        }
        throw last;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Path writeConfig(Options options, Path directory, int port) throws IOException, InterruptedException {
        Path storage = Files.createDirectories(directory.resolve("storage"));
        StringBuilder yaml = new StringBuilder()
                .append("version: 0.1\n")
                .append("log:\n  level: warn\n  accesslog:\n    disabled: true\n")
                .append("storage:\n  filesystem:\n    rootdirectory: ").append(storage).append('\n')
                .append("  delete:\n    enabled: true\n")
                .append("http:\n  addr: 127.0.0.1:").append(port).append('\n')
                .append("  secret: ").append(UUID.randomUUID()).append('\n');
        if (options.hasAuth()) {
            Path htpasswd = directory.resolve("htpasswd");
            Files.writeString(htpasswd, Htpasswd.bcryptLine(options.username(), options.password()));
            yaml.append("auth:\n  htpasswd:\n    realm: test-registry\n    path: ").append(htpasswd).append('\n');
        }
        if (options.notificationUrl() != null) {
            yaml.append("notifications:\n  endpoints:\n    - name: test\n      url: ").append(options.notificationUrl()).append('\n')
                    .append("      timeout: 2s\n      threshold: 3\n      backoff: 1s\n");
            if (options.notificationAuthorization() != null) {
                yaml.append("      headers:\n        Authorization: [\"")
                        .append(options.notificationAuthorization().replace("\"", "\\\"")).append("\"]\n");
            }
        }
        Path config = directory.resolve("config-" + port + ".yml");
        Files.writeString(config, yaml.toString());
        return config;
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("docker-registry exited with " + process.exitValue() + ": " + log());
            }
            try {
                int status = client.send(HttpRequest.newBuilder(baseUri().resolve("/v2/")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200 || status == 401) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(50);
        }
        throw new IOException("docker-registry did not answer /v2/ within " + START_TIMEOUT + ": " + log());
    }

    private String log() {
        try {
            return Files.readString(directory.resolve("registry-" + port + ".log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** {@code 127.0.0.1:PORT}, the registry part of image references. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    public URI baseUri() {
        return URI.create("http://" + host());
    }

    public Options options() {
        return options;
    }

    /** A client that pushes to this registry with its configured credentials. */
    public OciPusher pusher() {
        return new OciPusher(baseUri(), Optional.ofNullable(options.username()).map(u -> new String[] {u, options.password()}));
    }

    /** The registry's own log, for assertion messages. */
    public List<String> logLines() {
        return log().lines().toList();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
