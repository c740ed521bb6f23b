package io.jenkins.plugins.imagefactory.testing.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The native git server ({@code git daemon}, receive-pack on) on a loopback port, serving bare
 * repositories under one folder: what a self-hosted git server answers, not JGit's in-process one.
 * A missing {@code git} skips outside CI and fails under {@code CI=true}.
 */
public final class GitDaemon implements AutoCloseable {

    private static final Path GIT = Path.of("/usr/bin/git");

    private final Process process;
    private final int port;

    private GitDaemon(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static GitDaemon serve(Path basePath) {
        if (!Files.isExecutable(GIT)) {
            String message = "git is not installed (apt-get install git)";
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(message + ": CI=true, so this test must not be skipped");
            }
            Assumptions.abort(message);
        }
        try {
            int port;
            try (ServerSocket probe = new ServerSocket(0)) {
                port = probe.getLocalPort();
            }
            Process process = new ProcessBuilder(List.of(GIT.toString(), "daemon", "--reuseaddr", "--listen=127.0.0.1",
                    "--port=" + port, "--base-path=" + basePath, "--export-all", "--enable=receive-pack", basePath.toString()))
                    .redirectErrorStream(true).redirectOutput(basePath.resolveSibling("git-daemon.log").toFile()).start();
            GitDaemon daemon = new GitDaemon(process, port);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                try (Socket ignored = new Socket("127.0.0.1", port)) {
                    return daemon;
                } catch (IOException notYet) {
                    Thread.sleep(50);
                }
            }
            daemon.close();
            throw new IllegalStateException("git daemon did not listen on port " + port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The {@code git://} URL of a repository under the base path. */
    public String url(String name) {
        return "git://127.0.0.1:" + port + "/" + name;
    }

    /** Installs an executable hook script in a bare repository. */
    public static void hook(Path bareRepository, String name, String script) {
        try {
            Path hook = bareRepository.resolve("hooks").resolve(name);
            Files.createDirectories(hook.getParent());
            Files.writeString(hook, script);
            Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
    }
}
