package io.jenkins.plugins.imagefactory.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagefactory.git.ConfigRepository;
import io.jenkins.plugins.imagefactory.git.ConfigRepositoryLocation;
import io.jenkins.plugins.imagefactory.host.StandardPorts;
import io.jenkins.plugins.imagefactory.image.Platform;
import io.jenkins.plugins.imagefactory.registry.RegistryEndpoints;
import io.jenkins.plugins.imagefactory.secret.SecretResolver;
import io.jenkins.plugins.imagefactory.testing.LocalRegistry;
import io.jenkins.plugins.imagefactory.testing.LocalRegistryExtension;
import io.jenkins.plugins.imagefactory.testing.MutableClock;
import io.jenkins.plugins.imagefactory.testing.git.BareRemote;
import io.jenkins.plugins.imagefactory.trigger.BuildTrigger;
import io.jenkins.plugins.imagefactory.trigger.RebuildContext;
import io.jenkins.plugins.imagefactory.trigger.RunStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The audit trail says what happened: every commit's title names what it records. */
class CommitTitlesTest {

    @RegisterExtension
    static final LocalRegistryExtension REGISTRY = LocalRegistryExtension.anonymous();

    @TempDir
    Path dir;

    BareRemote config;
    ConfigRepository repository;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T00:00:00Z"));

    /** A build system whose answers the test sets; dispatch may "crash" the process. */
    static final class BuildSystem implements BuildTrigger {
        boolean crashOnDispatch;
        RunStatus found;
        RunStatus polled;
        int dispatches;

        @Override
        public String kind() {
            return "webhook";
        }

        @Override
        public RunStatus dispatch(RebuildContext context) {
            dispatches++;
            if (crashOnDispatch) {
                throw new ProcessDeath();
            }
            return RunStatus.dispatched(null);
        }

        @Override
        public Optional<RunStatus> find(RebuildContext context) {
            return Optional.ofNullable(found);
        }

        @Override
        public RunStatus poll(RebuildContext context, RunStatus known) {
            return polled != null ? polled : known;
        }
    }

    /** Stands for kill -9 between the intent commit and the dispatch: nothing in the process survives it. */
    static final class ProcessDeath extends Error {
        private static final long serialVersionUID = 1L;

        ProcessDeath() {
            super("the process died while dispatching");
        }
    }

    final BuildSystem builds = new BuildSystem();

    @BeforeEach
    void setUp() {
        LocalRegistry registry = REGISTRY.registry();
        registry.pusher().pushImage("upstream/python", "3.12", Platform.LINUX_AMD64);
        registry.pusher().pushImage("acme/app", "1", Platform.LINUX_AMD64);
        BareRemote sources = BareRemote.create(dir, "sources");
        sources.commit("main", Map.of("Dockerfile", "FROM " + registry.host() + "/upstream/python:3.12\n"), "sources");
        config = BareRemote.create(dir, "config");
        config.commit("main", Map.of("image-factory.yaml", "version: 1\n", "images/app.yaml", "name: app\nimage: "
                + registry.host() + "/acme/app\ntags: [\"1\"]\nsource: {repository: \"" + sources.url()
                + "\"}\nbuild:\n  webhook: {url: \"http://127.0.0.1:9/build\"}\n"), "enroll app");
        repository = ConfigRepository.open(ConfigRepositoryLocation.of(config.url(), "main", dir.resolve("work")),
                SecretResolver.none());
    }

    @AfterEach
    void tearDown() {
        repository.close();
    }

    SyncResult sync() {
        clock.advance(Duration.ofMinutes(1));
        StandardPorts ports = new StandardPorts(SecretResolver.none(), dir.resolve("engine"), RegistryEndpoints.standard(),
                cfg -> Map.of("webhook", builds), clock);
        return new SyncEngine(repository, ports, clock, message -> { }).sync(SyncOptions.scheduled());
    }

    List<String> titles() throws Exception {
        List<String> out = new ArrayList<>();
        try (Git git = Git.open(config.dir().toFile())) {
            for (RevCommit commit : git.log().call()) {
                out.add(0, commit.getShortMessage());
            }
        }
        return out;
    }

    void requestUrgentRebuild(String reason) {
        try (ConfigRepository other = ConfigRepository.open(ConfigRepositoryLocation.of(config.url(), "main",
                dir.resolve("cli-" + reason)), SecretResolver.none())) {
            new ManualActions(other, clock).requestRebuild("app", true, reason, null, "alice");
        }
    }

    @Test
    void aDispatchThenItsProgressAndACrashRecoveryEachSayWhatTheyRecord() throws Exception {
        sync();
        requestUrgentRebuild("CVE-2026-0001");
        sync();
        builds.polled = new RunStatus(RunStatus.State.RUNNING, "7", "https://ci.example.test/runs/7", clock.instant(), null, null);
        sync();

        builds.polled = new RunStatus(RunStatus.State.SUCCEEDED, "7", "https://ci.example.test/runs/7", null, clock.instant(), null);
        sync();
        builds.polled = null;
        requestUrgentRebuild("CVE-2026-0002");
        builds.crashOnDispatch = true;
        assertThatThrownBy(this::sync).hasMessageContaining("process died");
        builds.crashOnDispatch = false;
        builds.found = new RunStatus(RunStatus.State.RUNNING, "8", "https://ci.example.test/runs/8", clock.instant(), null, null);
        sync();

        assertThat(titles()).containsExactly(
                "enroll app",
                "image-factory: 2 images tracked, 1 discovery change",
                "image-factory: urgent rebuild of app requested by alice",
                "image-factory: 1 rebuild queued",
                "image-factory: 1 rebuild triggered",
                "image-factory: 1 rebuild status change",
                "image-factory: 1 rebuild succeeded",
                "image-factory: urgent rebuild of app requested by alice",
                "image-factory: 1 rebuild queued",
                "image-factory: 1 rebuild recovered");
        assertThat(builds.dispatches).as("the recovered intent is not dispatched again").isEqualTo(2);
    }
}
