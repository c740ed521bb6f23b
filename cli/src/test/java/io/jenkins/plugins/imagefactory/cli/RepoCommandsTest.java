package io.jenkins.plugins.imagefactory.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sync, status, impact, catalog, rebuild and record-build against real git repositories. The
 * enrolled image's registry is a closed loopback port, so its digest check fails: the error must be
 * recorded and shown, and everything else must still work.
 */
class RepoCommandsTest {

    @TempDir
    Path dir;

    String config;
    String work;

    static String bareRepo(Path dir, String name, Map<String, String> files) throws Exception {
        Path bare = dir.resolve(name + ".git");
        Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
        Path seed = dir.resolve(name + "-seed");
        try (Git git = Git.cloneRepository().setURI(bare.toUri().toString()).setDirectory(seed.toFile()).call()) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = seed.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
            }
            git.add().addFilepattern(".").call();
            git.commit().setMessage("seed").setAuthor("test", "test@localhost").setCommitter("test", "test@localhost").call();
            git.push().setRemote("origin").add("HEAD:refs/heads/main").call();
        }
        return bare.toUri().toString();
    }

    @BeforeEach
    void setUp() throws Exception {
        String sources = bareRepo(dir, "sources", Map.of("Dockerfile", "FROM scratch AS files\nCOPY a /a\nFROM files\n"));
        config = bareRepo(dir, "config", Map.of(
                "image-factory.yaml", "version: 1\n",
                "images/tool.yaml", "name: tool\nimage: 127.0.0.1:9/acme/tool\nsource: {repository: \"" + sources
                        + "\"}\nbuild: {webhook: {url: \"http://127.0.0.1:9/build\"}}\n"));
        work = dir.resolve("work").toString();
    }

    @Test
    void syncRecordsStateThenStatusImpactAndCatalogReadIt() throws Exception {
        CliRun sync = CliRun.of("sync", "--repo", config, "--work-dir", work);
        assertThat(sync.exitCode()).as("the check failed: a new error").isEqualTo(1);
        assertThat(sync.err()).contains("sync: refreshing config repo").contains("sync: committed");
        assertThat(sync.out()).contains("image tracked: 127.0.0.1:9/acme/tool:latest (managed)")
                .contains("1 commit; watching 1 images");

        CliRun idle = CliRun.of("sync", "--repo", config, "--work-dir", work);
        assertThat(idle.exitCode()).as("the same error is not new").isZero();
        assertThat(idle.out()).contains("0 commits");

        CliRun status = CliRun.of("status", "--repo", config, "--work-dir", work);
        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).contains("127.0.0.1:9/acme/tool:latest  [managed]  tool").contains("error:")
                .contains("1 images tracked");
        CliRun json = CliRun.of("status", "--repo", config, "--work-dir", work, "--json");
        assertThat(json.out()).contains("\"ref\" : \"127.0.0.1:9/acme/tool:latest\"");

        CliRun impact = CliRun.of("impact", "docker.io/library/python:3.12", "--repo", config, "--work-dir", work);
        assertThat(impact.out()).contains("is not tracked");

        Path out = dir.resolve("catalog");
        CliRun catalog = CliRun.of("catalog", "--repo", config, "--work-dir", work, "--out", out.toString());
        assertThat(catalog.exitCode()).isZero();
        assertThat(out.resolve("index.yaml")).exists();
        assertThat(Files.list(out.resolve("entities")).count()).isEqualTo(1);
    }

    @Test
    void rebuildRequestsAndResultsAreCommitted() throws Exception {
        CliRun.of("sync", "--repo", config, "--work-dir", work);
        CliRun urgentWithoutReason = CliRun.of("rebuild", "tool", "--urgent", "--repo", config, "--work-dir", work);
        assertThat(urgentWithoutReason.exitCode()).isEqualTo(2);
        CliRun rebuild = CliRun.of("rebuild", "tool", "--urgent", "--reason", "CVE-2026-0001", "--actor", "alice",
                "--repo", config, "--work-dir", work);
        assertThat(rebuild.exitCode()).as(rebuild.err()).isZero();
        assertThat(rebuild.out()).contains("urgent rebuild of tool requested");
        CliRun unknown = CliRun.of("rebuild", "nope", "--repo", config, "--work-dir", work);
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("no enrollment named \"nope\"; enrolled: tool");

        CliRun dispatch = CliRun.of("sync", "--allow-errors", "--repo", config, "--work-dir", work);
        assertThat(dispatch.exitCode()).as(dispatch.err()).isZero();
        assertThat(dispatch.out()).contains("rebuild trigger error: tool: webhook http://127.0.0.1:9/build unreachable: cannot connect");

        CliRun script = CliRun.of("record-build", "tool", "--result", "success", "--run-url", "javascript:alert(1)",
                "--repo", config, "--work-dir", work);
        assertThat(script.exitCode()).isEqualTo(2);
        assertThat(script.err()).contains("the run URL must be an http(s) URL");
        CliRun record = CliRun.of("record-build", "tool", "--result", "success", "--run-url", "https://ci.example.com/7",
                "--actor", "ci-bot", "--repo", config, "--work-dir", work);
        assertThat(record.exitCode()).as(record.err()).isZero();
        try (Git git = Git.cloneRepository().setURI(config).setDirectory(dir.resolve("check").toFile()).call()) {
            assertThat(git.log().call()).extracting(c -> c.getShortMessage()).contains(
                    "image-factory: urgent rebuild of tool requested by alice",
                    "image-factory: build of tool succeeded (reported by ci-bot)");
            String rebuilds = Files.readString(dir.resolve("check/state/rebuilds/tool.yaml"));
            assertThat(rebuilds).contains("reason: CVE-2026-0001").contains("runUrl: https://ci.example.com/7");
        }
    }
}
