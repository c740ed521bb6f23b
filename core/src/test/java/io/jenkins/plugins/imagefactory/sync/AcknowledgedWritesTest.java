package io.jenkins.plugins.imagefactory.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagefactory.config.GlobalSettings;
import io.jenkins.plugins.imagefactory.git.ConfigRepository;
import io.jenkins.plugins.imagefactory.git.ConfigRepositoryLocation;
import io.jenkins.plugins.imagefactory.git.GitStoreOptions;
import io.jenkins.plugins.imagefactory.git.PublishHook;
import io.jenkins.plugins.imagefactory.git.PublishResult;
import io.jenkins.plugins.imagefactory.host.StandardPorts;
import io.jenkins.plugins.imagefactory.image.Platform;
import io.jenkins.plugins.imagefactory.registry.RegistryEndpoints;
import io.jenkins.plugins.imagefactory.retry.RetryPolicy;
import io.jenkins.plugins.imagefactory.secret.SecretResolver;
import io.jenkins.plugins.imagefactory.state.BuildRecord;
import io.jenkins.plugins.imagefactory.state.Event;
import io.jenkins.plugins.imagefactory.state.RebuildState;
import io.jenkins.plugins.imagefactory.state.StateStore;
import io.jenkins.plugins.imagefactory.testing.HeaderEchoServer;
import io.jenkins.plugins.imagefactory.testing.LocalRegistry;
import io.jenkins.plugins.imagefactory.testing.LocalRegistryExtension;
import io.jenkins.plugins.imagefactory.testing.MutableClock;
import io.jenkins.plugins.imagefactory.testing.git.BareRemote;
import io.jenkins.plugins.imagefactory.testing.git.WorkingClone;
import io.jenkins.plugins.imagefactory.trigger.WebhookTrigger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every write a writer was told succeeded (a commit id, a 202) is in the final tree, however it
 * interleaves with a sync cycle's publishes. The cycle under test dispatches one rebuild, so it
 * publishes twice; it is paused at each step of each publish while the other entry points write
 * through their own clones of a real bare remote: a person's rebuild request (CLI), an urgent
 * one (API), a build result (record-build, a pipeline step) and a breaker reset (plugin step).
 */
class AcknowledgedWritesTest {

    @RegisterExtension
    static final LocalRegistryExtension REGISTRY = LocalRegistryExtension.anonymous();

    @TempDir
    Path dir;

    LocalRegistry registry;
    BareRemote config;
    HeaderEchoServer builder;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T00:00:00Z"));
    final List<ConfigRepository> opened = new ArrayList<>();

    /** One point of the cycle where the others write. */
    record PausePoint(int publish, PublishHook.Step step) {
        @Override
        public String toString() {
            return "publish " + publish + " " + step;
        }
    }

    static List<PausePoint> points() {
        List<PausePoint> out = new ArrayList<>();
        for (int publish = 1; publish <= 2; publish++) {
            for (PublishHook.Step step : PublishHook.Step.values()) {
                out.add(new PausePoint(publish, step));
            }
        }
        return out;
    }

    @BeforeEach
    void setUp() {
        registry = REGISTRY.registry();
        registry.pusher().pushImage("upstream/python", "3.12", Platform.LINUX_AMD64);
        BareRemote sources = BareRemote.create(dir, "sources");
        sources.commit("main", Map.of("Dockerfile", "FROM " + registry.host() + "/upstream/python:3.12\n"), "sources");
        builder = new HeaderEchoServer(request -> new HeaderEchoServer.Answer(202, Map.of(), "{\"id\":\"run-1\"}"));
        config = BareRemote.create(dir, "config");
        Map<String, String> files = new java.util.HashMap<>();
        files.put("image-factory.yaml", "version: 1\ndefaults:\n  rebuild: {delay: 1h}\n");
        for (String name : List.of("app", "tool", "lib")) {
            files.put("images/" + name + ".yaml", "name: " + name + "\nimage: " + registry.host() + "/acme/" + name
                    + "\ntags: [\"1\"]\nsource: {repository: \"" + sources.url() + "\"}\nbuild:\n  webhook: {url: \""
                    + builder.url() + "/build/" + name + "\"}\n");
        }
        config.commit("main", files, "enroll app, tool, lib");
    }

    @AfterEach
    void tearDown() {
        opened.forEach(ConfigRepository::close);
        builder.close();
    }

    ConfigRepository open(String work, PublishHook hook) {
        GitStoreOptions options = GitStoreOptions.defaults().withClock(clock).withSleeper(d -> { })
                .withPushRetry(RetryPolicy.of(6, Duration.ofMillis(1), Duration.ofMillis(2))).withPublishHook(hook);
        ConfigRepository repository = ConfigRepository.open(ConfigRepositoryLocation.of(config.url(), "main",
                dir.resolve(work)), SecretResolver.none(), options);
        opened.add(repository);
        return repository;
    }

    SyncResult sync(ConfigRepository repository) {
        StandardPorts ports = new StandardPorts(SecretResolver.none(), dir.resolve("engine"), RegistryEndpoints.standard(),
                cfg -> Map.of("webhook", WebhookTrigger.standard(SecretResolver.none())), clock);
        return new SyncEngine(repository, ports, clock, message -> { }).sync(SyncOptions.scheduled());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("points")
    void everyAcknowledgedWriteSurvivesACyclePausedAt(PausePoint point) throws Exception {
        ConfigRepository engineRepo = open("engine-clone", PublishHook.NONE);
        sync(engineRepo);
        ManualActions cli = new ManualActions(open("cli-clone", PublishHook.NONE), clock);
        ManualActions api = new ManualActions(open("api-clone", PublishHook.NONE), clock);
        ManualActions steps = new ManualActions(open("steps-clone", PublishHook.NONE), clock);
        clock.advance(Duration.ofMinutes(1));
        api.requestRebuild("app", true, "CVE-2026-0001", null, "alice via api");
        clock.advance(Duration.ofMinutes(1));

        List<String> acknowledged = new ArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean reportTaken = new java.util.concurrent.atomic.AtomicBoolean();
        AtomicInteger publishes = new AtomicInteger();
        PublishHook hook = (step, attempt) -> {
            if (step == PublishHook.Step.BEFORE_WRITE && attempt == 1) {
                publishes.incrementAndGet();
            }
            if (publishes.get() == point.publish() && step == point.step() && attempt == 1) {
                acknowledged.add(commit(cli.requestRebuild("lib", false, "refresh", null, "bob")));
                acknowledged.add(commit(api.requestRebuild("tool", true, "CVE-2026-0002", null, "carol via api")));
                try {
                    acknowledged.add(commit(steps.recordBuild("app", true, "sha256:" + "e".repeat(64),
                            "https://ci.example.test/app/7", "job app #7")));
                    reportTaken.set(true);
                } catch (io.jenkins.plugins.imagefactory.rebuild.NotCurrentBuildException refused) {
                    // before the intent reaches the remote there is no build to complete: refused, not acknowledged
                }
                acknowledged.add(commit(steps.resetBreaker("lib", "dave")));
            }
        };
        // the same instance (same clone) again, now paused at the chosen point
        ConfigRepository paused = open("engine-clone", hook);
        SyncResult result = sync(paused);

        assertThat(result).isInstanceOf(SyncResult.Completed.class);
        assertThat(publishes.get()).as("the cycle published twice: intent, then outcome").isEqualTo(2);
        if (point.publish() == 2 || point.step() == PublishHook.Step.PUSHED) {
            assertThat(reportTaken).as("with the intent in the remote, the report completes its build").isTrue();
        }
        assertThat(acknowledged).hasSize(reportTaken.get() ? 4 : 3).doesNotContainNull();
        try (WorkingClone clone = config.newClone(); Git git = Git.open(config.dir().toFile());
             RevWalk walk = new RevWalk(git.getRepository())) {
            ObjectId head = git.getRepository().resolve("refs/heads/main");
            for (String id : acknowledged) {
                assertThat(walk.isMergedInto(walk.parseCommit(ObjectId.fromString(id)), walk.parseCommit(head))).isTrue();
            }
            StateStore store = new StateStore(clone.workTree(), GlobalSettings.ConfigPaths.DEFAULT);
            Map<String, RebuildState> rebuilds = store.loadRebuilds();
            assertThat(rebuilds.get("lib").request()).as("CLI request").isNotNull()
                    .satisfies(r -> assertThat(r.actor()).isEqualTo("bob"));
            assertThat(rebuilds.get("lib").breakerResetAt()).as("breaker reset").isNotNull();
            assertThat(rebuilds.get("tool").request()).as("API urgent request").isNotNull()
                    .satisfies(r -> assertThat(r.reason()).isEqualTo("CVE-2026-0002"));
            if (reportTaken.get()) {
                BuildRecord reported = rebuilds.get("app").builds().stream()
                        .filter(b -> "https://ci.example.test/app/7".equals(b.runUrl())).findFirst().orElseThrow();
                assertThat(reported.status()).as("record-build result").isEqualTo(BuildRecord.SUCCEEDED);
            }
            if (point.publish() == 2 || point.step() == PublishHook.Step.PUSHED) {
                BuildRecord reported = rebuilds.get("app").builds().stream()
                        .filter(b -> "https://ci.example.test/app/7".equals(b.runUrl())).findFirst().orElseThrow();
                // the intent was in the remote when the result came: it is that build that finished, for good
                assertThat(reported.key()).isEqualTo(builder.seen.get(0).header(WebhookTrigger.KEY_HEADER));
                assertThat(rebuilds.get("app").active()).as("no build drops back to running").isEmpty();
            }
            List<String> kinds = store.readEvents().stream().map(Event::kind).toList();
            assertThat(kinds).contains("rebuild-requested", "urgent-rebuild-requested", "breaker-reset",
                    "rebuild-queued", "rebuild-triggered");
            if (reportTaken.get()) {
                assertThat(kinds).contains("rebuild-result");
            }
        }
        assertThat(builder.seen).as("one dispatch of the one intent").singleElement()
                .satisfies(seen -> assertThat(seen.path()).isEqualTo("/build/app"));
    }

    private static String commit(PublishResult result) {
        return result instanceof PublishResult.Published published ? published.commitId() : null;
    }
}
