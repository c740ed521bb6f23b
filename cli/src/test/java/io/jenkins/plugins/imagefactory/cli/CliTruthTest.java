package io.jenkins.plugins.imagefactory.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagefactory.cli.testing.BuilderStandIn;
import io.jenkins.plugins.imagefactory.cli.testing.Estate;
import io.jenkins.plugins.imagefactory.image.Platform;
import io.jenkins.plugins.imagefactory.state.StateMapper;
import io.jenkins.plugins.imagefactory.testing.LocalRegistry;
import io.jenkins.plugins.imagefactory.testing.LocalRegistryExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the CLI says and what it exits with, run as a user runs it against real parts: the
 * distribution registry, git repositories for config and sources, a webhook builder stand-in.
 * Each check is something a person or a CI job acts on.
 */
class CliTruthTest {

    @RegisterExtension
    static final LocalRegistryExtension REGISTRY = LocalRegistryExtension.anonymous();
    static final AtomicInteger ESTATES = new AtomicInteger();

    @TempDir
    Path dir;

    Estate estate;

    @BeforeEach
    void setUp() {
        estate = new Estate(REGISTRY.registry(), dir, "cli" + ESTATES.incrementAndGet());
    }

    @AfterEach
    void tearDown() {
        estate.close();
    }

    CliRun run(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        if (List.of("sync", "status", "impact", "rebuild", "record-build").contains(args[0])) {
            all.addAll(List.of(estate.repoOptions()));
        }
        return CliRun.of(all.toArray(String[]::new));
    }

    JsonNode json(String text) throws Exception {
        return StateMapper.json().readTree(text);
    }

    @Test
    void aCleanSyncExitsZeroAndSaysWhatItWatchesOnce() {
        CliRun first = run("sync");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("4 images tracked, 3 discovery changes; 1 commit; watching 4 images")
                .doesNotContain("images tracked; 4 images tracked");

        CliRun idle = run("sync");
        assertThat(idle.exitCode()).isZero();
        assertThat(idle.out()).contains("no changes; 0 commits; watching 4 images");
    }

    @Test
    void aDispatchThatFailsExitsOneAndStatusSaysFailedWillRetryWithTheUrlNeverRunning() throws Exception {
        run("sync");
        estate.builder.stop();
        assertThat(run("rebuild", "platform", "--urgent", "--reason", "CVE-2026-0001").exitCode()).isZero();

        CliRun sync = run("sync");
        assertThat(sync.exitCode()).as("a CI job must notice").isEqualTo(1);
        assertThat(sync.err()).contains("1 new error(s) or failed dispatch(es), listed above: exit 1 (--allow-errors exits 0)");
        assertThat(sync.out()).contains("webhook " + estate.builder.url() + " unreachable: cannot connect")
                .doesNotContain("unreachable: null");

        CliRun status = run("status", "platform");
        assertThat(status.out()).contains("rebuild:    urgent by ")
                .containsPattern("failed \\(will retry at 20\\d\\d-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\\): webhook "
                        + estate.builder.url().replace(".", "\\.") + " unreachable: cannot connect")
                .doesNotContain("running");
        JsonNode row = json(run("status", "platform", "--json").out()).path("summary");
        assertThat(row.path("rebuildStatus").asText()).isEqualTo("dispatch-failed");
        assertThat(row.path("rebuildDue").asText()).as("the retry time").isNotEmpty();
        assertThat(row.path("standing").asText()).isEqualTo("failing");

        CliRun allowed = run("sync", "--allow-errors");
        assertThat(allowed.exitCode()).as("nothing new went wrong, and errors are allowed anyway").isZero();
    }

    @Test
    void anImageWhoseDockerfileCannotBeReadIsBlockedNeverUpToDate() throws Exception {
        estate.merge(Map.of("images/worker.yaml", estate.enrollment("worker", "team/worker", "1", "worker/Dockerfile", "")
                .replace("dockerfile: worker/Dockerfile", "dockerfile: worker/Dockerfile, branch: mian")), "typo in the branch");

        CliRun sync = run("sync");
        assertThat(sync.exitCode()).isEqualTo(1);
        CliRun status = run("status", "worker");
        assertThat(status.out()).contains("rebuild:    blocked: discovery failed:").contains("mian")
                .contains("error:      cannot read its Dockerfile (since ").doesNotContain("up-to-date");

        Path checkout = dir.resolve("checkout");
        Git.cloneRepository().setURI(estate.config.url()).setDirectory(checkout.toFile()).call().close();
        CliRun discover = CliRun.of("discover", "--config", checkout.toString(), "--work-dir", dir.resolve("d").toString());
        assertThat(discover.exitCode()).as("an enrollment failed").isEqualTo(1);
        assertThat(discover.err()).contains("2 of 3 enrollments discovered, 1 failed");
    }

    @Test
    void aRegistryThatStopsAnsweringShowsTheErrorAndWhenACheckLastWorked() throws Exception {
        try (LocalRegistry other = LocalRegistry.start(LocalRegistry.Options.anonymous(), Files.createDirectories(dir.resolve("r2")))) {
            other.pusher().pushImage("vendor/tool", "2", Platform.LINUX_AMD64);
            estate.merge(Map.of("images/tool.yaml", "name: tool\nimage: " + other.host() + "/vendor/tool\ntags: [\"2\"]\n"
                    + "source: {repository: \"" + estate.sources.url() + "\", dockerfile: base/Dockerfile}\n"
                    + "build: {webhook: {url: \"" + estate.builder.url() + "\"}}\n"), "enroll a vendor tool");
            assertThat(run("sync").exitCode()).isZero();
            other.close();

            CliRun sync = run("sync");
            assertThat(sync.exitCode()).isEqualTo(1);
            String status = run("status", "tool").out();
            assertThat(status).containsPattern("digest:     sha256:[0-9a-f]{64} since ")
                    .containsPattern("error:      manifest check failed .*cannot connect.*" + other.host().replace(".", "\\.")
                            + ".*\\(failing since 20.* UTC;"
                            + " last good check 20\\d\\d-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\\)")
                    .doesNotContain("not checked yet");
        }
    }

    @Test
    void aWaitingImageShowsItsCausesWithSinceWhenInTextAndJson() throws Exception {
        run("sync");
        String before = run("status", "platform", "--json").out();
        String oldDigest = json(before).path("status").path("lastUpdate").path("digest").asText();
        String upstream = estate.ref("upstream/python:3.12");
        String newDigest = estate.push("upstream/python:3.12");

        assertThat(run("sync").exitCode()).isZero();
        String text = run("status").out();
        assertThat(text).contains("rebuild:    waiting for the delay; due 20")
                .containsPattern("cause:      " + upstream.replace(".", "\\.") + " sha256:[0-9a-f]{12} -> "
                        + newDigest.substring(0, 19) + " since 20.* UTC, eligible 20.* UTC");
        JsonNode row = json(run("status", "--json").out()).findParents("enrollment").stream()
                .filter(n -> n.path("enrollment").asText().equals("platform")).findFirst().orElseThrow();
        assertThat(row.path("rebuildStatus").asText()).isEqualTo("waiting-for-delay");
        assertThat(row.path("rebuildCauses").get(0).asText()).startsWith(upstream + " sha256:");
        JsonNode update = row.path("updates").get(0);
        assertThat(update.path("base").asText()).isEqualTo(upstream);
        assertThat(update.path("newDigest").asText()).isEqualTo(newDigest);
        assertThat(update.path("since").asText()).isNotEmpty();
        assertThat(update.path("eligibleAt").asText()).isNotEmpty();
        assertThat(oldDigest).isNotEqualTo(newDigest);
    }

    @Test
    void recordBuildCompletesTheBuildItsKeyNamesAndNothingElse() throws Exception {
        run("sync");
        CliRun none = run("record-build", "app", "--result", "success");
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err()).contains("app has no build in progress and none recorded: nothing to complete");

        estate.builder.mode(BuilderStandIn.Mode.ACCEPT);
        run("rebuild", "platform", "--urgent", "--reason", "CVE-2026-0002");
        assertThat(run("sync").exitCode()).isZero();
        String key = estate.builder.received().get(0).key();
        assertThat(key).matches("[0-9a-f]{16}-1");

        CliRun wrong = run("record-build", "platform", "--result", "success", "--key", "0000000000000000-1");
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.err()).contains("no build 0000000000000000-1 of platform; its current build is " + key);
        CliRun badDigest = run("record-build", "platform", "--result", "success", "--key", key, "--digest", "latest");
        assertThat(badDigest.exitCode()).isEqualTo(2);
        assertThat(badDigest.err()).contains("the digest must be algorithm:hex");

        String digest = "sha256:" + "c".repeat(64);
        CliRun recorded = run("record-build", "platform", "--result", "success", "--key", key, "--digest", digest,
                "--run-url", "https://ci.example.com/run/42");
        assertThat(recorded.exitCode()).as(recorded.err()).isZero();
        assertThat(recorded.out()).contains("recorded success of platform build " + key + " (commit ");
        String tip = estate.config.tip("main").orElseThrow();

        CliRun again = run("record-build", "platform", "--result", "success", "--key", key);
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("build " + key + " (succeeded at ").contains("nothing changed");
        CliRun rewrite = run("record-build", "platform", "--result", "failure", "--key", key);
        assertThat(rewrite.exitCode()).isZero();
        assertThat(rewrite.out()).contains("a finished result is not rewritten (pass --key " + key + " --force to correct it)");
        assertThat(estate.config.tip("main")).as("no commit for either").contains(tip);

        CliRun forced = run("record-build", "platform", "--result", "failure", "--key", key, "--force");
        assertThat(forced.exitCode()).isZero();
        assertThat(estate.config.tip("main")).isNotEqualTo(java.util.Optional.of(tip));
        assertThat(run("status", "platform").out()).contains("last build: failed at ");
    }

    @Test
    void anUrgentRequestIsNeverDowngradedAndItsBaseAndReasonAreChecked() throws Exception {
        run("sync");
        String upstream = estate.ref("upstream/python:3.12");
        assertThat(run("rebuild", "platform", "--urgent", "--reason", "CVE-2026-0003", "--base", upstream).exitCode()).isZero();
        CliRun plain = run("rebuild", "platform");
        assertThat(plain.exitCode()).isZero();
        assertThat(plain.out()).contains("it stays urgent (CVE-2026-0003)");
        assertThat(run("status", "platform").out()).contains("rebuild:    urgent by ").contains("(CVE-2026-0003)");

        CliRun otherBase = run("rebuild", "app", "--urgent", "--reason", "CVE-2026-0004", "--base", upstream);
        assertThat(otherBase.exitCode()).isEqualTo(1);
        assertThat(otherBase.err()).contains("app does not build on " + upstream + "; its bases: " + estate.ref("platform/base:1"));
        CliRun typo = run("rebuild", "app", "--urgent", "--reason", "CVE-2026-0004", "--base",
                estate.ref("platform/base:l"));
        assertThat(typo.err()).contains("(did you mean " + estate.ref("platform/base:1") + "?)");

        assertThat(run("rebuild", "app", "--urgent", "--reason", "CVE-1\nforged: line").exitCode()).isEqualTo(2);
        CliRun pasted = run("rebuild", "app", "--urgent", "--reason", "x".repeat(600));
        assertThat(pasted.exitCode()).isEqualTo(2);
        assertThat(pasted.err()).contains("the reason is 600 characters; give at most 500").doesNotContain("x".repeat(100));
        assertThat(run("rebuild", "app", "--base", upstream).exitCode()).as("--base needs --urgent").isEqualTo(2);
    }

    @Test
    void impactTakesNamesAndShowsSiblingsAsOneStep() {
        run("sync");
        CliRun upstream = run("impact", estate.ref("upstream/python:3.12"));
        assertThat(upstream.out()).contains("step 1: platform\nstep 2: app, worker  (in parallel)\n")
                .contains("would rebuild 3 images in 2 steps");
        CliRun byName = run("impact", "platform");
        assertThat(byName.exitCode()).isZero();
        assertThat(byName.out()).contains("step 1: app, worker  (in parallel)")
                .contains("a new digest of platform (" + estate.ref("platform/base:1") + ") would rebuild 2 images in 1 step");
        CliRun typo = run("impact", "platfrom");
        assertThat(typo.out()).contains("is not tracked: no enrolled image builds on it (did you mean platform?)");
        CliRun garbage = run("impact", "Not A Ref");
        assertThat(garbage.exitCode()).isEqualTo(1);
        assertThat(garbage.err()).contains("is neither an enrollment name nor an image reference");
    }

    @Test
    void statusNameShowsOneImageInFull() {
        run("sync");
        String out = run("status", "platform").out();
        assertThat(out).contains(estate.ref("platform/base:1") + "  [managed+base]  platform")
                .contains("source:     " + estate.sources.url() + " base/Dockerfile")
                .contains("build:      webhook, timeout 6h")
                .contains("policy:     delay 1h, automatic, platforms linux/amd64")
                .containsPattern("history \\(1 digests, newest last\\):\n      sha256:[0-9a-f]{64}  first seen .*\\(current\\)")
                .contains("builds (0, newest last):");
        CliRun unknown = run("status", "platfrom");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("no tracked image platfrom (did you mean platform?)");
    }

    @Test
    void usageErrorsExitTwoAndAMissingFileSaysWhereItWasLookedFor() {
        CliRun page = CliRun.of("tags", "python", "--page", "0");
        assertThat(page.exitCode()).isEqualTo(2);
        assertThat(page.err()).contains("--page must be 1 or more, got 0");
        assertThat(CliRun.of("tags", "python", "--per-page", "1000").exitCode()).isEqualTo(2);
        CliRun ref = CliRun.of("check", "no such:ref");
        assertThat(ref.exitCode()).isEqualTo(2);
        assertThat(ref.err()).contains("REF: invalid image reference");
        assertThat(CliRun.of("check", "python:3.12", "--platform", "linux").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("record-build", "app", "--result", "success", "--force", "--repo", "x").exitCode()).isEqualTo(2);

        CliRun missing = CliRun.of("discover", "--dockerfile", "nosuchfile");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("error: no such file: nosuchfile (looked for "
                + Path.of("nosuchfile").toAbsolutePath().normalize() + ")");
    }

    @Test
    void oneUnsetCredentialsReferenceIsOneMessageNamingWhatToSet() {
        assertThat(System.getenv("IF_TEST_REG_CREDS")).as("this test needs the variable unset").isNull();
        estate.merge(Map.of("image-factory.yaml", "version: 1\nregistries:\n  - host: \"" + estate.registry.host()
                + "\"\n    credentials: IF_TEST_REG_CREDS\n"), "the registry needs credentials now");

        CliRun sync = run("sync");
        assertThat(sync.exitCode()).isEqualTo(1);
        assertThat(sync.err().lines().filter(l -> l.contains("IF_TEST_REG_CREDS")).toList()).containsExactly(
                "warning: credentials reference IF_TEST_REG_CREDS (used by registry " + estate.registry.host()
                        + ") is not set: set the environment variable IF_TEST_REG_CREDS (a token), or"
                        + " IF_TEST_REG_CREDS_USERNAME with IF_TEST_REG_CREDS_PASSWORD (or IF_TEST_REG_CREDS_TOKEN)");
        assertThat(sync.out().lines().filter(l -> l.startsWith("  new error:")).toList()).as("one line for four images")
                .singleElement().asString().contains("(4 images: ");
    }
}
