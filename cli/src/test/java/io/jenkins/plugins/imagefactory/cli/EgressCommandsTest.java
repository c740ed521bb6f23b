package io.jenkins.plugins.imagefactory.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check} and {@code tags} read a config directory's settings, and with them its
 * {@code egress.allow}: a registry the config does not name, outside the list, is refused before
 * anything connects (the config itself is valid: only its own URLs are checked when it loads).
 */
class EgressCommandsTest {

    @TempDir
    Path dir;

    private ServerSocket registry;
    private final AtomicInteger connections = new AtomicInteger();

    @BeforeEach
    void listen() throws IOException {
        registry = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accepting = new Thread(() -> {
            while (!registry.isClosed()) {
                try (Socket ignored = registry.accept()) {
                    connections.incrementAndGet();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "counting-registry");
        accepting.setDaemon(true);
        accepting.start();
        Files.writeString(dir.resolve("image-factory.yaml"), """
                version: 1
                egress:
                  allow:
                    - ghcr.io
                """);
    }

    @AfterEach
    void close() throws IOException {
        registry.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"check", "tags"})
    void refusesARegistryOutsideTheAllowListWithoutConnecting(String command) {
        String repository = "127.0.0.1:" + registry.getLocalPort() + "/acme/app";
        CliRun run = CliRun.of(command, "--config", dir.toString(), command.equals("check") ? repository + ":1" : repository);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("not in egress.allow");
        assertThat(connections).hasValue(0);
    }
}
