package io.jenkins.plugins.imagefactory.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real CNCF distribution registry ({@code /usr/bin/docker-registry}) on a free loopback port, for
 * tests. Register it with {@code @RegisterExtension}: as a static field it lives for the class, as
 * an instance field for each test. Options: htpasswd basic auth, a notifications endpoint with an
 * Authorization header.
 *
 * <p>Without the binary the tests are skipped, except under {@code CI=true}, where they fail: CI must
 * exercise the real registry.
 */
public final class LocalRegistry implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    public static final Path BINARY = Path.of("/usr/bin/docker-registry");
    private static final Duration STARTUP = Duration.ofSeconds(20);

    private final String username;
    private final String password;
    private final String notificationUrl;
    private final String notificationAuthorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Path workDir;
    private Process process;
    private int port;
    private boolean perTest;

    private LocalRegistry(Builder builder) {
        this.username = builder.username;
        this.password = builder.password;
        this.notificationUrl = builder.notificationUrl;
        this.notificationAuthorization = builder.notificationAuthorization;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** An anonymous registry without notifications. */
    public static LocalRegistry anonymous() {
        return builder().build();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (process == null) {
            perTest = true;
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perTest) {
            stop();
        }
    }

    /** Starts the registry; also usable outside JUnit (benchmarks). Skips or fails when the binary is missing. */
    public void start() throws Exception {
        requireTool(BINARY, "the docker-registry package");
        workDir = Files.createTempDirectory("local-registry");
        port = freePort();
        StringBuilder config = new StringBuilder("""
                version: 0.1
                log:
                  level: warn
                  accesslog:
                    disabled: true
                storage:
                  filesystem:
                    rootdirectory: %s
                  delete:
                    enabled: true
                http:
                  addr: 127.0.0.1:%d
                """.formatted(workDir.resolve("storage"), port));
        if (username != null) {
            Path htpasswd = workDir.resolve("htpasswd");
            Files.writeString(htpasswd, bcryptEntry(username, password));
            config.append("""
                    auth:
                      htpasswd:
                        realm: local-registry
                        path: %s
                    """.formatted(htpasswd));
        }
        if (notificationUrl != null) {
            config.append("""
                    notifications:
                      endpoints:
                        - name: test
                          url: %s
                          timeout: 2s
                          threshold: 3
                          backoff: 1s
                    """.formatted(notificationUrl));
            if (notificationAuthorization != null) {
                config.append("          headers:\n            Authorization: [\"%s\"]\n".formatted(notificationAuthorization));
            }
        }
        Path configFile = workDir.resolve("config.yml");
        Files.writeString(configFile, config);
        Path log = workDir.resolve("registry.log");
        process = new ProcessBuilder(BINARY.toString(), "serve", configFile.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        awaitReady(log);
    }

    /** Stops the registry and deletes its storage. */
    public void stop() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
            process = null;
        }
        if (workDir != null) {
            try (Stream<Path> files = Files.walk(workDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException ignored) {
                // a leftover temp dir is harmless
            }
            workDir = null;
        }
    }

    /** {@code 127.0.0.1:PORT}, the registry host as it appears in image references. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    public URI baseUrl() {
        return URI.create("http://" + host());
    }

    /** A pusher that writes images through the registry API, authenticating when the registry needs it. */
    public RegistryPusher pusher() {
        return new RegistryPusher(baseUrl(), username == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    private void awaitReady(Path log) throws Exception {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("docker-registry exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            try {
                HttpResponse<Void> ping = http.send(HttpRequest.newBuilder(baseUrl().resolve("/v2/"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                // 401 is ready too: the registry answers, it just wants credentials.
                if (ping.statusCode() == 200 || ping.statusCode() == 401) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        stop();
        throw new AssertionError("docker-registry did not answer on port " + port + " within " + STARTUP.toSeconds() + "s");
    }

    /** A bcrypt htpasswd line, the only hash distribution's htpasswd auth accepts. */
    static String bcryptEntry(String user, String password) throws Exception {
        Path htpasswd = Path.of("/usr/bin/htpasswd");
        requireTool(htpasswd, "apache2-utils (htpasswd)");
        Process p = new ProcessBuilder(htpasswd.toString(), "-nbB", user, password).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0 || !out.startsWith(user + ":$2")) {
            throw new AssertionError("htpasswd did not produce a bcrypt entry for " + user + ": " + out);
        }
        return out + "\n";
    }

    /** Skips without the tool, fails under {@code CI=true}. */
    public static void requireTool(Path tool, String provider) {
        if (Files.isExecutable(tool)) {
            return;
        }
        String message = tool + " is missing; install " + provider;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message + " (CI=true: tests needing it must not be skipped)");
        }
        Assumptions.abort(message);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Options of a {@link LocalRegistry}. */
    public static final class Builder {
        private String username;
        private String password;
        private String notificationUrl;
        private String notificationAuthorization;

        private Builder() {
        }

        /** Requires HTTP basic auth (htpasswd, bcrypt) with this one user. */
        public Builder htpasswd(String user, String secret) {
            this.username = user;
            this.password = secret;
            return this;
        }

        /** Sends push/pull notifications to {@code url}, with this Authorization header when not {@code null}. */
        public Builder notifications(String url, String authorization) {
            this.notificationUrl = url;
            this.notificationAuthorization = authorization;
            return this;
        }

        public LocalRegistry build() {
            return new LocalRegistry(this);
        }
    }
}
