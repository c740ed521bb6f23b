package io.jenkins.plugins.imagefactory.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagefactory.config.BuildSpec;
import io.jenkins.plugins.imagefactory.config.ConfigLocation;
import io.jenkins.plugins.imagefactory.config.Enrollment;
import io.jenkins.plugins.imagefactory.config.GlobalSettings;
import io.jenkins.plugins.imagefactory.config.ImageFactoryConfig;
import io.jenkins.plugins.imagefactory.config.RebuildPolicy;
import io.jenkins.plugins.imagefactory.config.Source;
import io.jenkins.plugins.imagefactory.graph.BaseUse;
import io.jenkins.plugins.imagefactory.graph.ImageGraph;
import io.jenkins.plugins.imagefactory.graph.ManagedImage;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.image.Platform;
import io.jenkins.plugins.imagefactory.state.BuildRecord;
import io.jenkins.plugins.imagefactory.state.DetectedBy;
import io.jenkins.plugins.imagefactory.state.DigestRecord;
import io.jenkins.plugins.imagefactory.state.Event;
import io.jenkins.plugins.imagefactory.state.ImageState;
import io.jenkins.plugins.imagefactory.state.RebuildRequest;
import io.jenkins.plugins.imagefactory.state.RebuildState;
import io.jenkins.plugins.imagefactory.sync.CycleSummary;
import io.jenkins.plugins.imagefactory.trigger.BuildTrigger;
import io.jenkins.plugins.imagefactory.trigger.RebuildContext;
import io.jenkins.plugins.imagefactory.trigger.RunStatus;
import io.jenkins.plugins.imagefactory.trigger.TriggerException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A rebuild's life across cycles: dispatch failures, timeouts, requests, and results reported from outside. */
class RebuildCoordinatorTest {

    static final String PY = "docker.io/library/python:3.12";
    static final String APP = "ghcr.io/acme/app:1";
    static final Instant T = Instant.parse("2026-11-01T00:00:00Z");

    final Enrollment app = new Enrollment("app", "ghcr.io/acme/app", List.of("1"),
            new Source("https://git.example.com/app.git", "main", "Dockerfile", ".", Map.of(), null),
            new RebuildPolicy(Duration.ofDays(1), true, List.of(Platform.LINUX_AMD64)), new BuildSpec.Webhook("http://b/build", null),
            null, Map.of(), new ConfigLocation("images/app.yaml", 1, 1), Duration.ofHours(2));
    final ImageFactoryConfig config = new ImageFactoryConfig(GlobalSettings.DEFAULT, List.of(app), List.of());
    final ImageGraph graph = ImageGraph.of(List.of(new ManagedImage("app", app.references(),
            List.of(new BaseUse(ImageReference.parse(PY), false, true)))));
    final Map<String, ImageState> images = new HashMap<>();
    Map<String, RebuildState> rebuilds = new HashMap<>();
    final List<String> dispatched = new ArrayList<>();
    TriggerException failure;
    RunStatus polled;

    final BuildTrigger builder = new BuildTrigger() {
        @Override
        public String kind() {
            return BuildSpec.Webhook.KIND;
        }

        @Override
        public RunStatus dispatch(RebuildContext context) throws TriggerException {
            dispatched.add(context.key());
            if (failure != null) {
                throw failure;
            }
            return RunStatus.dispatched(null);
        }

        @Override
        public Optional<RunStatus> find(RebuildContext context) {
            return Optional.empty();
        }

        @Override
        public RunStatus poll(RebuildContext context, RunStatus known) {
            return polled != null ? polled : known;
        }
    };
    final RebuildCoordinator coordinator = new RebuildCoordinator(kind -> Optional.of(builder));

    RebuildCoordinatorTest() {
        ImageState py = ImageState.fresh(ImageReference.parse(PY), "base")
                .withDigest(new DigestRecord(d(1), Map.of(), T.minus(Duration.ofDays(30)), null, DetectedBy.POLL))
                .withDigest(new DigestRecord(d(2), Map.of(), T, null, DetectedBy.POLL));
        images.put(PY, py);
        rebuilds.put("app", RebuildState.empty("app").withBuiltAgainst(Map.of(PY, d(1))));
    }

    static String d(int n) {
        return "sha256:" + String.format("%064d", n);
    }

    static Instant at(Duration sinceT) {
        return T.plus(sinceT);
    }

    /** One cycle at {@code now}: follow, plan, record intents, dispatch them; returns its events. */
    List<Event> cycle(Instant now) {
        CycleSummary summary = new CycleSummary();
        RebuildCoordinator.Step prepared = coordinator.prepare(config, graph, images, rebuilds, now, summary);
        RebuildCoordinator.Step done = coordinator.dispatch(config, prepared.intents(), prepared.rebuilds(), now, summary,
                prepared.plan());
        rebuilds = new HashMap<>(done.rebuilds());
        List<Event> events = new ArrayList<>(prepared.events());
        events.addAll(done.events());
        return events;
    }

    BuildRecord last() {
        return rebuilds.get("app").last().orElseThrow();
    }

    @Test
    void aDispatchThatFailsForAWhileIsRetriedAtItsRetryTimeNotEveryCycle() {
        failure = new TriggerException("webhook http://b/build unreachable: cannot connect", true);
        cycle(at(Duration.ofDays(1)));
        BuildRecord intent = last();
        assertThat(intent.status()).isEqualTo(BuildRecord.DISPATCHING);
        assertThat(intent.message()).isEqualTo("webhook http://b/build unreachable: cannot connect");
        assertThat(intent.retryAt()).isEqualTo(at(Duration.ofDays(1).plusMinutes(1)));

        cycle(at(Duration.ofDays(1).plusSeconds(30)));
        assertThat(dispatched).as("not retried before its time").hasSize(1);

        failure = null;
        cycle(at(Duration.ofDays(1).plusMinutes(2)));
        assertThat(dispatched).as("the same key is sent again").containsExactly(intent.key(), intent.key());
        assertThat(last().status()).isEqualTo(BuildRecord.TRIGGERED);
        assertThat(last().retryAt()).isNull();
    }

    @Test
    void theRetryWaitGrowsWithTheIntentsAgeUpToAnHour() {
        BuildRecord intent = new BuildRecord("k-1", BuildRecord.DISPATCHING, T, "system", null, List.of(), "webhook", null,
                null, null, null, null);
        assertThat(RebuildCoordinator.retryAt(intent, T)).isEqualTo(T.plusSeconds(60));
        assertThat(RebuildCoordinator.retryAt(intent, T.plus(Duration.ofMinutes(30)))).isEqualTo(T.plus(Duration.ofMinutes(45)));
        assertThat(RebuildCoordinator.retryAt(intent, T.plus(Duration.ofHours(5)))).isEqualTo(T.plus(Duration.ofHours(6)));
    }

    @Test
    void aBuildWithoutAResultTimesOutSaysHowToCorrectItAndANewBuildFollows() {
        cycle(at(Duration.ofDays(1)));
        String first = last().key();
        cycle(at(Duration.ofDays(1).plusHours(1)));
        assertThat(last().isActive()).as("still within its timeout").isTrue();

        List<Event> events = cycle(at(Duration.ofDays(1).plusHours(2)));
        BuildRecord timedOut = rebuilds.get("app").builds().stream().filter(b -> b.key().equals(first)).findFirst().orElseThrow();
        assertThat(timedOut.status()).isEqualTo(BuildRecord.TIMED_OUT);
        assertThat(timedOut.message()).contains("no result within 2h (build.timeout)")
                .contains("image-factory record-build app --key " + first + " --result success|failure --force");
        assertThat(events).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo("rebuild-result");
            assertThat(e.details()).containsEntry("result", "timed-out");
        });
        assertThat(last().key()).as("the image is not stuck: a new build").isNotEqualTo(first);
        assertThat(rebuilds.get("app").consecutiveFailures()).isEqualTo(1);
    }

    @Test
    void anUrgentRequestStaysUntilItsBuildSucceedsAndAPlainOneNeverDowngradesIt() {
        RebuildRequest urgent = new RebuildRequest("alice", "CVE-2026-1", true, null, T.plusSeconds(10));
        RebuildRequest plain = new RebuildRequest("bob", null, false, null, T.plusSeconds(20));
        RebuildRequest merged = urgent.merge(plain);
        assertThat(merged.urgent()).isTrue();
        assertThat(merged.reason()).isEqualTo("CVE-2026-1");
        assertThat(merged.actor()).isEqualTo("alice, bob");
        assertThat(plain.merge(urgent).urgent()).isTrue();

        rebuilds.put("app", rebuilds.get("app").withRequest(urgent));
        cycle(T.plusSeconds(30));
        assertThat(last().urgent()).isTrue();
        assertThat(rebuilds.get("app").request().takenBy()).isEqualTo(last().key());

        polled = new RunStatus(RunStatus.State.FAILED, null, null, null, null, "exit 1");
        cycle(T.plusSeconds(60));
        assertThat(rebuilds.get("app").request()).as("a failed build keeps the request").isNotNull();
        assertThat(last().urgent()).as("its retry is urgent too").isTrue();

        polled = new RunStatus(RunStatus.State.SUCCEEDED, null, null, null, null, null);
        cycle(T.plusSeconds(90));
        assertThat(rebuilds.get("app").request()).as("built: the request is done").isNull();
    }

    @Test
    void aReportedResultCompletesTheBuildItsKeyNamesAndNothingElse() {
        BuildReport noKey = new BuildReport(true, null, null, null, "ci", false);
        assertThatThrownBy(() -> record(noKey)).isInstanceOf(NotCurrentBuildException.class)
                .hasMessageContaining("app has no build in progress and none recorded: nothing to complete");

        cycle(at(Duration.ofDays(1)));
        String current = last().key();
        assertThatThrownBy(() -> record(new BuildReport(true, "0000000000000000-1", null, null, "ci", false)))
                .isInstanceOf(NotCurrentBuildException.class)
                .hasMessageContaining("no build 0000000000000000-1 of app; its current build is " + current + " (triggered");

        String digest = "sha256:" + "a".repeat(64);
        RebuildCoordinator.Recording recorded = record(new BuildReport(true, current, digest, "https://ci/7", "ci", false));
        assertThat(recorded).isInstanceOf(RebuildCoordinator.Recording.Recorded.class);
        rebuilds.put("app", ((RebuildCoordinator.Recording.Recorded) recorded).state());
        assertThat(last().status()).isEqualTo(BuildRecord.SUCCEEDED);
        assertThat(last().digest()).isEqualTo(digest);
        assertThat(rebuilds.get("app").builtAgainst()).containsEntry(PY, d(2));

        RebuildCoordinator.Recording again = record(new BuildReport(false, current, null, null, "ci", false));
        assertThat(again).isInstanceOf(RebuildCoordinator.Recording.AlreadyFinished.class);
        assertThat(((RebuildCoordinator.Recording.AlreadyFinished) again).message())
                .contains("a finished result is not rewritten (pass --key " + current + " --force to correct it)");

        RebuildCoordinator.Recording corrected = record(new BuildReport(false, current, null, null, "ci", true));
        RebuildState after = ((RebuildCoordinator.Recording.Recorded) corrected).state();
        assertThat(after.last().orElseThrow().status()).isEqualTo(BuildRecord.FAILED);
        assertThat(after.builtAgainst()).as("no longer built on what that build took in").containsEntry(PY, d(1));
    }

    @Test
    void aReportIsCheckedWhereItEnters() {
        assertThatThrownBy(() -> new BuildReport(true, null, "sha256:abc", null, "ci", false))
                .hasMessageContaining("the digest must be algorithm:hex such as sha256:<64 hex digits>, got \"sha256:abc\"");
        assertThatThrownBy(() -> new BuildReport(true, null, "latest", null, "ci", false)).hasMessageContaining("algorithm:hex");
        assertThatThrownBy(() -> new BuildReport(true, null, "SHA256:" + "A".repeat(64), null, "ci", false))
                .hasMessageContaining("algorithm:hex");
        String huge = "sha256:" + "f".repeat(100_000);
        assertThatThrownBy(() -> new BuildReport(true, null, huge, null, "ci", false))
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300).contains("(100007 characters)"));
        assertThatThrownBy(() -> new BuildReport(true, "key\nforged", null, null, "ci", false))
                .hasMessageContaining("the build key must be the key the build was sent");
        assertThatThrownBy(() -> new BuildReport(true, null, null, "javascript:alert(1)", "ci", false))
                .hasMessageContaining("the run URL must be an http(s) URL");
        assertThat(new BuildReport(true, "3f9a1c2b7d4e5f60-1", "sha256:" + "0".repeat(64), "/job/app/3/", "ci", false).key())
                .isEqualTo("3f9a1c2b7d4e5f60-1");
    }

    private RebuildCoordinator.Recording record(BuildReport report) {
        return coordinator.record(app, rebuilds.get("app"), report, at(Duration.ofDays(1).plusMinutes(5)), new ArrayList<>(),
                new CycleSummary());
    }
}
