package io.jenkins.plugins.imagefactory.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

    @Test
    void theShippedExampleIsValid() {
        CliRun run = CliRun.of("validate", examples().toString());
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).matches("\\d+ images in \\d+ files, 0 errors\\R");
    }

    @Test
    void printsEachErrorOnStderrAndExitsOne(@TempDir Path repo) throws IOException {
        Files.writeString(repo.resolve("image-factory.yaml"), "version: 1\nsync: {interval: soon}\n");
        Files.createDirectories(repo.resolve("images"));
        Files.writeString(repo.resolve("images/a.yaml"), "name: a\n");
        CliRun run = CliRun.of("validate", repo.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).containsExactly(
                "image-factory.yaml:2:18: sync.interval: expected a duration such as 90s, 30m, 36h, 7d, 2w, 1d12h or"
                        + " ISO-8601 (P7D, PT12H), got \"soon\"",
                "images/a.yaml:1:1: image: is required",
                "images/a.yaml:1:1: source: is required",
                "images/a.yaml:1:1: build: is required",
                "4 errors in 2 files; nothing was changed");
    }

    @Test
    void aPasted100KilobyteValueIsNotEchoedBack(@TempDir Path repo) throws IOException {
        Files.writeString(repo.resolve("image-factory.yaml"), "version: 1\n");
        Files.createDirectories(repo.resolve("images"));
        String pasted = "A".repeat(100 * 1024);
        Files.writeString(repo.resolve("images/a.yaml"), "name: a\nimage: ghcr.io/acme/a\nsource: {repository: \"" + pasted
                + "\"}\nbuild: {webhook: {url: \"https://b.example.com/x\"}}\n");
        CliRun run = CliRun.of("validate", repo.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).hasSizeLessThan(1_000).contains("images/a.yaml:3:22: source.repository: expected a git URL")
                .contains("got \"" + "A".repeat(80) + "…\" (102400 characters)");
    }

    @Test
    void aTabIsReportedOnItsOwnLine(@TempDir Path repo) throws IOException {
        Files.writeString(repo.resolve("image-factory.yaml"), "version: 1\n");
        Files.createDirectories(repo.resolve("images"));
        Files.writeString(repo.resolve("images/a.yaml"), "name: a\nsource:\n\trepository: x\n");
        CliRun run = CliRun.of("validate", repo.toString());
        assertThat(run.err()).startsWith("images/a.yaml:3:1: unreadable YAML: a tab where YAML expects spaces");
    }

    @Test
    void missingDirectoryIsAnError(@TempDir Path dir) {
        CliRun run = CliRun.of("validate", dir.resolve("nope").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("is not a directory");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(CliRun.of("validate").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("--no-such-option").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("frobnicate").exitCode()).isEqualTo(2);
        assertThat(CliRun.of().exitCode()).isEqualTo(2);
    }

    @Test
    void helpAndVersion() {
        CliRun help = CliRun.of("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("validate");
        CliRun version = CliRun.of("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("image-factory ").doesNotContain("${");
    }

    static Path examples() {
        Path here = Path.of("").toAbsolutePath();
        Path candidate = here.resolve("examples/config-repo");
        return Files.isDirectory(candidate) ? candidate : here.getParent().resolve("examples/config-repo");
    }
}
