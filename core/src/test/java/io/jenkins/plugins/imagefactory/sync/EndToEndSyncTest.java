package io.jenkins.plugins.imagefactory.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagefactory.git.ConfigRepository;
import io.jenkins.plugins.imagefactory.git.ConfigRepositoryLocation;
import io.jenkins.plugins.imagefactory.host.StandardPorts;
import io.jenkins.plugins.imagefactory.image.Platform;
import io.jenkins.plugins.imagefactory.registry.RegistryEndpoints;
import io.jenkins.plugins.imagefactory.secret.SecretResolver;
import io.jenkins.plugins.imagefactory.state.BuildRecord;
import io.jenkins.plugins.imagefactory.state.Event;
import io.jenkins.plugins.imagefactory.state.ImageState;
import io.jenkins.plugins.imagefactory.state.StateStore;
import io.jenkins.plugins.imagefactory.config.GlobalSettings;
import io.jenkins.plugins.imagefactory.testing.LocalRegistry;
import io.jenkins.plugins.imagefactory.testing.LocalRegistryExtension;
import io.jenkins.plugins.imagefactory.testing.MutableClock;
import io.jenkins.plugins.imagefactory.testing.git.BareRemote;
import io.jenkins.plugins.imagefactory.testing.git.WorkingClone;
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
import java.util.function.Consumer;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop with real parts: the CNCF distribution registry on loopback, real git remotes for
 * the config and the sources, real Dockerfiles. The only stand-in is the build system, whose
 * "build" really pushes a new image digest to the registry.
 */
class EndToEndSyncTest {

    @RegisterExtension
    static final LocalRegistryExtension REGISTRY = LocalRegistryExtension.anonymous();

    static final Platform AMD64 = Platform.LINUX_AMD64;

    @TempDir
    Path dir;

    LocalRegistry registry;
    BareRemote config;
    BareRemote sources;
    ConfigRepository repository;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T00:00:00Z"));
    final List<RebuildContext> dispatched = new ArrayList<>();
    Consumer<RebuildContext> build = context -> { };

    String host;

    @BeforeEach
    void setUp() {
        registry = REGISTRY.registry();
        host = registry.host();
        registry.pusher().pushImage("upstream/python", "3.12", AMD64);
        registry.pusher().pushImage("acme/base", "1", AMD64);
        registry.pusher().pushImage("acme/app", "1", AMD64);

        sources = BareRemote.create(dir, "sources");
        sources.commit("main", Map.of(
                "base/Dockerfile", "ARG PY=3.12\nFROM " + host + "/upstream/python:${PY}\nRUN echo base\n",
                "app/Dockerfile", "FROM " + host + "/acme/base:1 AS runtime\nCOPY app /app\n"), "sources");

        config = BareRemote.create(dir, "config");
        config.commit("main", Map.of(
                "image-factory.yaml", "version: 1\ndefaults:\n  rebuild: {delay: 1h}\n",
                "images/base.yaml", enrollment("base", "acme/base", "base/Dockerfile"),
                "images/app.yaml", enrollment("app", "acme/app", "app/Dockerfile")), "enroll base and app");
        repository = ConfigRepository.open(ConfigRepositoryLocation.of(config.url(), "main", dir.resolve("work/config")),
                SecretResolver.none());
    }

    @AfterEach
    void tearDown() {
        repository.close();
    }

    String enrollment(String name, String repositoryPath, String dockerfile) {
        return "name: " + name + "\nimage: " + host + "/" + repositoryPath + "\ntags: [\"1\"]\nsource:\n  repository: "
                + sources.url() + "\n  dockerfile: " + dockerfile + "\nbuild:\n  webhook: {url: \"http://127.0.0.1:9/" + name
                + "\"}\n";
    }

    SyncResult.Completed sync() {
        BuildTrigger trigger = new BuildTrigger() {
            @Override
            public String kind() {
                return "webhook";
            }

            @Override
            public RunStatus dispatch(RebuildContext context) {
                dispatched.add(context);
                build.accept(context);
                return RunStatus.dispatched(null);
            }

            @Override
            public Optional<RunStatus> find(RebuildContext context) {
                return Optional.empty();
            }

            @Override
            public RunStatus poll(RebuildContext context, RunStatus known) {
                return known;
            }
        };
        StandardPorts ports = new StandardPorts(SecretResolver.none(), dir.resolve("work"), RegistryEndpoints.standard(),
                cfg -> Map.of("webhook", trigger), clock);
        SyncResult result = new SyncEngine(repository, ports, clock, message -> { }).sync(SyncOptions.scheduled());
        assertThat(result).isInstanceOf(SyncResult.Completed.class);
        return (SyncResult.Completed) result;
    }

    StateStore store() {
        return new StateStore(repository.workTree(), GlobalSettings.ConfigPaths.DEFAULT);
    }

    int remoteCommits() throws Exception {
        try (Git git = Git.open(config.dir().toFile())) {
            int count = 0;
            for (var ignored : git.log().call()) {
                count++;
            }
            return count;
        }
    }

    List<Event> events(String kind) {
        return store().readEvents().stream().filter(e -> e.kind().equals(kind)).toList();
    }

    @Test
    void firstSyncRecordsEverythingThenAnIdleSyncMakesNoCommit() throws Exception {
        SyncResult.Completed first = sync();
        assertThat(first.commits()).hasSize(1);
        Map<String, ImageState> images = store().loadImages();
        assertThat(images).containsOnlyKeys(host + "/upstream/python:3.12", host + "/acme/base:1", host + "/acme/app:1");
        assertThat(images.get(host + "/upstream/python:3.12").role()).isEqualTo("base");
        assertThat(images.get(host + "/acme/base:1").role()).isEqualTo("managed+base");
        assertThat(images.get(host + "/acme/app:1").discovery().bases()).singleElement()
                .satisfies(b -> assertThat(b.ref()).isEqualTo(host + "/acme/base:1"));
        assertThat(images.values()).allSatisfy(state -> assertThat(state.digest()).startsWith("sha256:"));
        assertThat(repository.workTree().resolve("catalog/index.yaml")).exists();

        int commits = remoteCommits();
        clock.advance(Duration.ofMinutes(5));
        assertThat(sync().commits()).isEmpty();
        assertThat(remoteCommits()).isEqualTo(commits);
    }

    @Test
    void aRePushedBaseIsOneUpdateWithOldAndNewDigest() {
        sync();
        String before = store().loadImages().get(host + "/upstream/python:3.12").digest();
        String after = registry.pusher().pushImage("upstream/python", "3.12", AMD64).digest();
        clock.advance(Duration.ofMinutes(5));
        SyncResult.Completed result = sync();
        assertThat(result.summary().items(Reconciler.BASE_UPDATE)).hasSize(1);
        assertThat(events("update")).singleElement().satisfies(event -> {
            assertThat(event.image()).isEqualTo(host + "/upstream/python:3.12");
            assertThat(event.details()).containsEntry("oldDigest", before).containsEntry("newDigest", after);
        });
        assertThat(store().loadImages().get(host + "/upstream/python:3.12").history()).hasSize(2);
    }

    @Test
    void demotionArchivingAndReEnrollmentKeepHistory() throws Exception {
        sync();
        registry.pusher().pushImage("acme/base", "1", AMD64);
        clock.advance(Duration.ofMinutes(1));
        sync();
        assertThat(store().loadImages().get(host + "/acme/base:1").history()).hasSize(2);

        try (WorkingClone clone = config.newClone()) {
            clone.delete("images/base.yaml").commit("remove base");
            clone.push();
        }
        clock.advance(Duration.ofMinutes(1));
        sync();
        assertThat(store().loadImages().get(host + "/acme/base:1").role()).isEqualTo("base");
        assertThat(store().loadImages().get(host + "/acme/base:1").history()).hasSize(2);
        assertThat(store().loadArchive()).containsKey(host + "/upstream/python:3.12");
        assertThat(events("demoted")).hasSize(1);

        try (WorkingClone clone = config.newClone()) {
            clone.delete("images/app.yaml").commit("remove app");
            clone.push();
        }
        clock.advance(Duration.ofMinutes(1));
        sync();
        assertThat(store().loadImages()).isEmpty();
        assertThat(store().loadArchive()).containsKeys(host + "/acme/base:1", host + "/acme/app:1");

        try (WorkingClone clone = config.newClone()) {
            clone.write("images/base.yaml", enrollment("base", "acme/base", "base/Dockerfile")).commit("re-enroll base");
            clone.push();
        }
        clock.advance(Duration.ofMinutes(1));
        sync();
        assertThat(store().loadImages().get(host + "/acme/base:1").history()).hasSize(2);
        assertThat(store().loadImages().get(host + "/acme/base:1").role()).isEqualTo("managed");
        assertThat(events("restored")).extracting(Event::image).contains(host + "/acme/base:1");
    }

    @Test
    void anInvalidConfigLeavesStateUntouched() throws Exception {
        sync();
        int commits = remoteCommits();
        try (WorkingClone clone = config.newClone()) {
            clone.write("images/broken.yaml", "name: broken\nimage: " + host + "/x\nbuild: {}\n").commit("broken");
            clone.push();
        }
        SyncResult result = new SyncEngine(repository, new StandardPorts(SecretResolver.none(), dir.resolve("work"),
                RegistryEndpoints.standard(), cfg -> Map.of(), clock), clock, m -> { }).sync(SyncOptions.scheduled());
        assertThat(result).isInstanceOf(SyncResult.InvalidConfig.class);
        assertThat(remoteCommits()).isEqualTo(commits + 1);
    }

    @Test
    void aBaseUpdateRebuildsDependentsInOrderOnceEachWithTheExactDigests() {
        sync();
        String oldPython = store().loadImages().get(host + "/upstream/python:3.12").digest();
        String oldBase = store().loadImages().get(host + "/acme/base:1").digest();
        // The build system's "build" pushes a new digest of the image it was asked to build.
        build = context -> registry.pusher().pushImage(context.references().get(0)
                .substring(host.length() + 1, context.references().get(0).lastIndexOf(':')), "1", AMD64);

        String newPython = registry.pusher().pushImage("upstream/python", "3.12", AMD64).digest();
        clock.advance(Duration.ofMinutes(10));
        sync();
        assertThat(dispatched).as("nothing before the delay").isEmpty();

        clock.advance(Duration.ofHours(1));
        SyncResult.Completed due = sync();
        assertThat(dispatched).extracting(RebuildContext::image).containsExactly("base");
        assertThat(dispatched.get(0).causes()).singleElement().satisfies(cause -> {
            assertThat(cause.base()).isEqualTo(host + "/upstream/python:3.12");
            assertThat(cause.oldDigest()).isEqualTo(oldPython);
            assertThat(cause.newDigest()).isEqualTo(newPython);
        });
        assertThat(due.commits()).as("intent committed before dispatch, outcome after").hasSize(2);
        assertThat(due.plan().image("app").orElseThrow().status().label()).isEqualTo("waiting-for-ancestor");

        clock.advance(Duration.ofMinutes(5));
        sync();
        assertThat(dispatched).extracting(RebuildContext::image).containsExactly("base", "app");
        assertThat(dispatched.get(1).causes()).singleElement().satisfies(cause -> {
            assertThat(cause.base()).isEqualTo(host + "/acme/base:1");
            assertThat(cause.oldDigest()).isEqualTo(oldBase);
        });
        assertThat(store().loadRebuilds().get("base").last().orElseThrow().status()).isEqualTo(BuildRecord.SUCCEEDED);

        clock.advance(Duration.ofMinutes(5));
        sync();
        clock.advance(Duration.ofHours(3));
        sync();
        assertThat(dispatched).as("each image once").hasSize(2);
        assertThat(store().loadRebuilds().get("app").last().orElseThrow().status()).isEqualTo(BuildRecord.SUCCEEDED);
        assertThat(events("rebuild-result")).hasSize(2);
    }

    /** Stands for kill -9 while dispatching: nothing in the process handles it. */
    static final class ProcessDeath extends Error {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void aCrashBetweenIntentAndDispatchNeverDispatchesTwice() {
        sync();
        registry.pusher().pushImage("upstream/python", "3.12", AMD64);
        clock.advance(Duration.ofMinutes(1));
        sync();
        clock.advance(Duration.ofHours(2));
        build = context -> {
            throw new ProcessDeath();
        };
        try {
            sync();
        } catch (ProcessDeath expected) {
            // the intent was committed and pushed before the crash
        }
        assertThat(dispatched).hasSize(1);
        String key = dispatched.get(0).key();

        // the instance restarts in its place (the work directory survives, a crash may leave it half-written)
        ConfigRepository restarted = ConfigRepository.open(ConfigRepositoryLocation.of(config.url(), "main",
                dir.resolve("work/config")), SecretResolver.none());
        repository.close();
        repository = restarted;
        build = context -> { };
        sync();
        assertThat(store().loadRebuilds().get("base").builds()).extracting(BuildRecord::key).containsOnlyOnce(key);
        assertThat(dispatched).extracting(RebuildContext::key).containsExactly(key, key);
        assertThat(store().loadRebuilds().get("base").builds()).singleElement()
                .satisfies(b -> assertThat(b.status()).isEqualTo(BuildRecord.TRIGGERED));
    }
}
