package io.jenkins.plugins.imagefactory.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One writer per config repo, with two real processes: two {@code image-factory sync} runs
 * started together on the same config repo, with an urgent rebuild waiting, dispatch it once.
 * The builder stand-in answers slowly, so the second process asks for the writer lease while the
 * first is still dispatching; it says who writes and exits 75 without writing or dispatching.
 */
class OneWriterProcessesTest {

    @TempDir
    Path dir;

    @Test
    void twoSyncProcessesOnOneConfigRepoDispatchOnce() throws Exception {
        List<String> keys = new CopyOnWriteArrayList<>();
        HttpServer builder = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        builder.createContext("/build", exchange -> {
            keys.add(exchange.getRequestHeaders().getFirst("X-Image-Factory-Key"));
            try {
                Thread.sleep(4_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        builder.start();
        try {
            String sources = RepoCommandsTest.bareRepo(dir, "sources", Map.of("Dockerfile", "FROM scratch\n"));
            String config = RepoCommandsTest.bareRepo(dir, "config", Map.of(
                    "image-factory.yaml", "version: 1\n",
                    "images/tool.yaml", "name: tool\nimage: 127.0.0.1:9/acme/tool\nsource: {repository: \"" + sources
                            + "\"}\nbuild: {webhook: {url: \"http://127.0.0.1:" + builder.getAddress().getPort()
                            + "/build\"}}\n"));
            CliRun request = CliRun.of("rebuild", "tool", "--urgent", "--reason", "CVE-2026-0001", "--repo", config,
                    "--work-dir", dir.resolve("person").toString());
            assertThat(request.exitCode()).as(request.err()).isZero();

            List<Process> processes = new ArrayList<>();
            for (String instance : List.of("a", "b")) {
                // --allow-errors: the test's registry is not reachable, which is a new error but not this test's point
                processes.add(new ProcessBuilder(javaCommand("sync", "--allow-errors", "--repo", config, "--work-dir",
                        dir.resolve(instance).toString()))
                        .redirectErrorStream(true).redirectOutput(dir.resolve(instance + ".log").toFile()).start());
            }
            List<Integer> exits = new ArrayList<>();
            List<String> logs = new ArrayList<>();
            for (int i = 0; i < processes.size(); i++) {
                assertThat(processes.get(i).waitFor(120, TimeUnit.SECONDS)).isTrue();
                exits.add(processes.get(i).exitValue());
                logs.add(Files.readString(dir.resolve((i == 0 ? "a" : "b") + ".log")));
            }

            assertThat(keys).as("the urgent rebuild is dispatched once; logs: " + logs).hasSize(1);
            assertThat(exits).as(String.join("\n----\n", logs)).containsExactlyInAnyOrder(0, SyncCommand.NOT_WRITER);
            assertThat(logs).anySatisfy(log -> assertThat(log).contains("config repo is written by")
                    .contains("this instance wrote and dispatched nothing"));
            Path check = dir.resolve("check");
            try (Git git = Git.cloneRepository().setURI(config).setDirectory(check.toFile()).call()) {
                String events = Files.readString(Files.list(check.resolve("state/events")).findFirst().orElseThrow());
                assertThat(events.lines().filter(line -> line.contains("\"kind\":\"rebuild-triggered\""))).hasSize(1);
                assertThat(events.lines().filter(line -> line.contains("\"kind\":\"rebuild-queued\""))).hasSize(1);
            }
        } finally {
            builder.stop(0);
        }
    }

    private static List<String> javaCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ImageFactoryCommand.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

}
