package io.jenkins.plugins.imagefactory.rebuild;

import static io.jenkins.plugins.imagefactory.rebuild.RebuildStatus.BREAKER_OPEN;
import static io.jenkins.plugins.imagefactory.rebuild.RebuildStatus.BLOCKED;
import static io.jenkins.plugins.imagefactory.rebuild.RebuildStatus.DUE;
import static io.jenkins.plugins.imagefactory.rebuild.RebuildStatus.REBUILD_AVAILABLE;
import static io.jenkins.plugins.imagefactory.rebuild.RebuildStatus.RUNNING;
import static io.jenkins.plugins.imagefactory.rebuild.RebuildStatus.UP_TO_DATE;
import static io.jenkins.plugins.imagefactory.rebuild.RebuildStatus.WAITING_FOR_ANCESTOR;
import static io.jenkins.plugins.imagefactory.rebuild.RebuildStatus.WAITING_FOR_DELAY;
import static org.assertj.core.api.Assertions.assertThat;

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
import io.jenkins.plugins.imagefactory.state.BuildRecord.BuildCause;
import io.jenkins.plugins.imagefactory.state.DetectedBy;
import io.jenkins.plugins.imagefactory.state.DigestRecord;
import io.jenkins.plugins.imagefactory.state.ImageState;
import io.jenkins.plugins.imagefactory.state.RebuildRequest;
import io.jenkins.plugins.imagefactory.state.RebuildState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rebuild rules on an injected clock, one scenario per rule. */
class RebuildPlannerTest {

    static final String PY = "docker.io/library/python:3.12-slim";
    static final String DEB = "docker.io/library/debian:12";
    static final String BASE = "ghcr.io/acme/base:1";
    static final String APP = "ghcr.io/acme/app:1";
    static final Instant T = Instant.parse("2026-11-01T00:00:00Z");

    final Map<String, Enrollment> enrollments = new LinkedHashMap<>();
    final Map<String, List<String>> uses = new HashMap<>();
    final Map<String, ImageState> images = new HashMap<>();
    final Map<String, RebuildState> rebuilds = new HashMap<>();

    static String d(int n) {
        return "sha256:" + String.format("%064d", n);
    }

    static Instant day(double days) {
        return T.plusSeconds((long) (days * 86_400));
    }

    void enroll(String name, String ref, Duration delay, boolean auto, String... bases) {
        ImageReference image = ImageReference.parse(ref);
        enrollments.put(name, new Enrollment(name, image.name(), List.of(image.tag()),
                new Source("https://git.example.com/x.git", "main", "Dockerfile", ".", Map.of(), null),
                new RebuildPolicy(delay, auto, List.of(Platform.LINUX_AMD64)), new BuildSpec.Jenkins(name, Map.of()),
                null, Map.of(), new ConfigLocation("images/x.yaml", 1, 1)));
        uses.put(name, List.of(bases));
        Map<String, String> builtAgainst = new HashMap<>();
        for (String base : bases) {
            ImageState state = images.get(base);
            if (state != null && state.digest() != null) {
                builtAgainst.put(base, state.digest());
            }
        }
        rebuilds.put(name, RebuildState.empty(name).withBuiltAgainst(builtAgainst));
    }

    void enroll(String name, String ref, String... bases) {
        enroll(name, ref, Duration.ofDays(7), true, bases);
    }

    /** {@code ref} moves to digest {@code n} at {@code at}; amd64 and arm64 digests given separately. */
    void push(String ref, int n, Instant at, int amd64, int arm64) {
        ImageState state = images.getOrDefault(ref, ImageState.fresh(ImageReference.parse(ref), "base"));
        images.put(ref, state.withDigest(new DigestRecord(d(n), Map.of("linux/amd64", d(amd64), "linux/arm64", d(arm64)),
                at, null, DetectedBy.POLL)));
    }

    void push(String ref, int n, Instant at) {
        push(ref, n, at, n * 10, n * 10 + 1);
    }

    RebuildPlan plan(Instant now) {
        List<ManagedImage> managed = new ArrayList<>();
        enrollments.forEach((name, e) -> managed.add(new ManagedImage(name, e.references(), uses.get(name).stream()
                .map(b -> new BaseUse(ImageReference.parse(b), false, true)).toList())));
        ImageFactoryConfig config = new ImageFactoryConfig(GlobalSettings.DEFAULT, List.copyOf(enrollments.values()), List.of());
        return RebuildPlanner.plan(config, ImageGraph.of(managed), images, rebuilds, now);
    }

    PlannedRebuild plan(String name, Instant now) {
        return plan(now).image(name).orElseThrow();
    }

    void built(String name, PlannedRebuild planned, String status) {
        built(name, planned, status, T);
    }

    void built(String name, PlannedRebuild planned, String status, Instant requestedAt) {
        RebuildState state = rebuilds.get(name);
        BuildRecord build = new BuildRecord(planned.key(), status, requestedAt, "system", null, planned.causes(), "jenkins",
                null, null, null, null, null);
        state = state.withBuild(build);
        if (status.equals(BuildRecord.SUCCEEDED)) {
            Map<String, String> against = new HashMap<>(state.builtAgainst());
            planned.causes().forEach(c -> against.put(c.base(), c.newDigest()));
            state = state.withBuiltAgainst(against);
        }
        rebuilds.put(name, state);
    }

    @Test
    void aNewBaseDigestWaitsForTheDelayThenIsDue() {
        push(PY, 1, day(-30));
        enroll("app", APP, PY);
        assertThat(plan("app", day(0)).status()).isEqualTo(UP_TO_DATE);

        push(PY, 2, day(1));
        PlannedRebuild waiting = plan("app", day(7.9));
        assertThat(waiting.status()).isEqualTo(WAITING_FOR_DELAY);
        assertThat(waiting.dueAt()).isEqualTo(day(8));
        assertThat(plan(day(7.9)).nextWakeUp()).isEqualTo(day(8));

        PlannedRebuild due = plan("app", day(8));
        assertThat(due.status()).isEqualTo(DUE);
        assertThat(due.causes()).containsExactly(new BuildCause(PY, d(1), d(2)));
        assertThat(plan(day(8)).dispatch()).containsExactly("app");
    }

    @Test
    void theDelayCountsFromTheRegistryPushTimeWhenKnown() {
        push(PY, 1, day(-30));
        enroll("app", APP, PY);
        images.put(PY, images.get(PY).withDigest(new DigestRecord(d(2), Map.of(), day(5), day(1), DetectedBy.WEBHOOK)));
        assertThat(plan("app", day(8)).status()).isEqualTo(DUE);
    }

    @Test
    void aDailyPublisherNeverStarvesALongDelay() {
        push(PY, 1, day(-30));
        enroll("app", APP, PY);
        for (int i = 0; i <= 10; i++) {
            push(PY, 100 + i, day(i));
        }
        PlannedRebuild due = plan("app", day(10.5));
        assertThat(due.status()).isEqualTo(DUE);
        assertThat(due.causes()).containsExactly(new BuildCause(PY, d(1), d(103)));
        built("app", due, BuildRecord.SUCCEEDED);
        PlannedRebuild next = plan("app", day(10.5));
        assertThat(next.status()).isEqualTo(WAITING_FOR_DELAY);
        assertThat(next.dueAt()).isEqualTo(day(11));
    }

    @Test
    void aChangeOnlyOnAPlatformNotBuiltIsIgnored() {
        push(PY, 1, day(-30), 10, 11);
        enroll("app", APP, PY);
        push(PY, 2, day(0), 10, 99);
        assertThat(plan("app", day(30)).status()).isEqualTo(UP_TO_DATE);
        push(PY, 3, day(1), 12, 99);
        assertThat(plan("app", day(30)).causes()).containsExactly(new BuildCause(PY, d(1), d(3)));
    }

    @Test
    void updatesToSeveralBasesRideInOneRebuildAndNewOnesWaitForTheRunningOne() {
        push(PY, 1, day(-30));
        push(DEB, 5, day(-30));
        enroll("app", APP, PY, DEB);
        push(PY, 2, day(0));
        push(DEB, 6, day(0.5));
        PlannedRebuild due = plan("app", day(8));
        assertThat(due.causes()).containsExactly(new BuildCause(DEB, d(5), d(6)), new BuildCause(PY, d(1), d(2)));
        built("app", due, BuildRecord.TRIGGERED);
        push(PY, 3, day(1));
        PlannedRebuild running = plan("app", day(9));
        assertThat(running.status()).isEqualTo(RUNNING);
        assertThat(running.key()).isEqualTo(due.key());
        built("app", due, BuildRecord.SUCCEEDED);
        assertThat(plan("app", day(9)).causes()).containsExactly(new BuildCause(PY, d(2), d(3)));
    }

    @Test
    void aChainRebuildsInOrderAndTheChildTakesInTheParentsNewDigestAtOnce() {
        push(PY, 1, day(-30));
        push(BASE, 50, day(-30));
        enroll("base", BASE, PY);
        enroll("app", APP, BASE);
        push(PY, 2, day(0));

        RebuildPlan atDue = plan(day(7));
        assertThat(atDue.image("base").orElseThrow().status()).isEqualTo(DUE);
        assertThat(atDue.image("app").orElseThrow().status()).isEqualTo(WAITING_FOR_ANCESTOR);
        assertThat(atDue.image("app").orElseThrow().waitingOn()).isEqualTo("base");
        assertThat(atDue.dispatch()).containsExactly("base");

        built("base", atDue.image("base").orElseThrow(), BuildRecord.SUCCEEDED);
        push(BASE, 51, day(7.1));
        PlannedRebuild app = plan("app", day(7.1));
        assertThat(app.status()).isEqualTo(DUE);
        assertThat(app.causes()).containsExactly(new BuildCause(BASE, d(50), d(51)));
    }

    @Test
    void anUpdateReachingAnImageDirectlyAndThroughItsParentBuildsItOnce() {
        push(PY, 1, day(-30));
        push(BASE, 50, day(-30));
        enroll("base", BASE, Duration.ofDays(7), true, PY);
        enroll("app", APP, Duration.ofDays(2), true, BASE, PY);
        push(PY, 2, day(0));

        PlannedRebuild early = plan("app", day(3));
        assertThat(early.status()).isEqualTo(WAITING_FOR_ANCESTOR);
        assertThat(early.waitingOn()).isEqualTo("base");

        RebuildPlan atDue = plan(day(7));
        assertThat(atDue.dispatch()).containsExactly("base");
        assertThat(atDue.image("app").orElseThrow().status()).isEqualTo(WAITING_FOR_ANCESTOR);
        built("base", atDue.image("base").orElseThrow(), BuildRecord.TRIGGERED);
        assertThat(plan("app", day(7.05)).status()).isEqualTo(WAITING_FOR_ANCESTOR);
        built("base", atDue.image("base").orElseThrow(), BuildRecord.SUCCEEDED);
        push(BASE, 51, day(7.1));
        PlannedRebuild once = plan("app", day(7.1));
        assertThat(once.status()).isEqualTo(DUE);
        assertThat(once.causes()).containsExactly(new BuildCause(PY, d(1), d(2)), new BuildCause(BASE, d(50), d(51)));
    }

    @Test
    void aDiamondBuildsTheTopOnceAfterBothParents() {
        push(DEB, 1, day(-30));
        push("ghcr.io/acme/left:1", 10, day(-30));
        push("ghcr.io/acme/right:1", 20, day(-30));
        enroll("left", "ghcr.io/acme/left:1", DEB);
        enroll("right", "ghcr.io/acme/right:1", DEB);
        enroll("top", "ghcr.io/acme/top:1", "ghcr.io/acme/left:1", "ghcr.io/acme/right:1");
        push(DEB, 2, day(0));
        RebuildPlan plan = plan(day(7));
        assertThat(plan.dispatch()).containsExactly("left", "right");
        built("left", plan.image("left").orElseThrow(), BuildRecord.SUCCEEDED);
        push("ghcr.io/acme/left:1", 11, day(7.1));
        assertThat(plan("top", day(7.1)).waitingOn()).isEqualTo("right");
        built("right", plan.image("right").orElseThrow(), BuildRecord.SUCCEEDED);
        push("ghcr.io/acme/right:1", 21, day(7.2));
        assertThat(plan("top", day(7.2)).causes()).hasSize(2);
    }

    @Test
    void autoOffMarksARebuildAvailableAndAManualRequestTriggersIt() {
        push(PY, 1, day(-30));
        enroll("app", APP, Duration.ofDays(1), false, PY);
        push(PY, 2, day(0));
        PlannedRebuild available = plan("app", day(2));
        assertThat(available.status()).isEqualTo(REBUILD_AVAILABLE);
        assertThat(available.causes()).containsExactly(new BuildCause(PY, d(1), d(2)));
        assertThat(plan(day(2)).dispatch()).isEmpty();
        rebuilds.put("app", rebuilds.get("app").withRequest(new RebuildRequest("alice", null, false, null, day(2))));
        assertThat(plan("app", day(2)).status()).isEqualTo(DUE);
    }

    @Test
    void anUrgentRequestBypassesTheDelayForItsBase() {
        push(PY, 1, day(-30));
        push(DEB, 5, day(-30));
        enroll("app", APP, PY, DEB);
        push(PY, 2, day(0));
        push(DEB, 6, day(0));
        rebuilds.put("app", rebuilds.get("app").withRequest(new RebuildRequest("security", "CVE-2026-0001", true, PY, day(0.1))));
        PlannedRebuild urgent = plan("app", day(0.1));
        assertThat(urgent.status()).isEqualTo(DUE);
        assertThat(urgent.causes()).containsExactly(new BuildCause(PY, d(1), d(2)));
        assertThat(urgent.request().reason()).isEqualTo("CVE-2026-0001");
    }

    @Test
    void threeFailuresOpenTheBreakerUntilAReset() {
        push(PY, 1, day(-30));
        enroll("app", APP, PY);
        push(PY, 2, day(0));
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            PlannedRebuild due = plan("app", day(8));
            assertThat(due.status()).isEqualTo(DUE);
            keys.add(due.key());
            built("app", due, BuildRecord.FAILED);
        }
        assertThat(keys).doesNotHaveDuplicates();
        assertThat(plan("app", day(8)).status()).isEqualTo(BREAKER_OPEN);
        rebuilds.put("app", rebuilds.get("app").withBreakerReset(day(8.5)));
        assertThat(plan("app", day(9)).status()).isEqualTo(DUE);
    }

    @Test
    void theKeyIsStableUntilSomethingChanges() {
        push(PY, 1, day(-30));
        enroll("app", APP, PY);
        push(PY, 2, day(0));
        push(PY, 3, day(1));
        assertThat(plan("app", day(7.5)).key()).isEqualTo(plan("app", day(7.9)).key());
        assertThat(plan("app", day(9)).key()).isNotEqualTo(plan("app", day(7.5)).key());
    }

    @Test
    void aCycleBlocksAndUncheckedBasesBlock() {
        enroll("a", "ghcr.io/acme/a:1", "ghcr.io/acme/b:1");
        enroll("b", "ghcr.io/acme/b:1", "ghcr.io/acme/a:1");
        enroll("c", "ghcr.io/acme/c:1", DEB);
        RebuildPlan plan = plan(day(0));
        assertThat(plan.image("a").orElseThrow().status()).isEqualTo(BLOCKED);
        assertThat(plan.image("a").orElseThrow().waitingOn()).isEqualTo("dependency cycle: a -> b -> a");
        assertThat(plan.image("c").orElseThrow().status()).isEqualTo(BLOCKED);
    }

    @Test
    void aDispatchThatFailsIsShownWithItsErrorAndRetryTimeNeverAsRunning() {
        push(PY, 1, day(-30));
        enroll("app", APP, PY);
        push(PY, 2, day(0));
        PlannedRebuild due = plan("app", day(8));
        BuildRecord intent = new BuildRecord(due.key(), BuildRecord.DISPATCHING, day(8), "system", null, due.causes(),
                "webhook", null, null, null, null, null);
        rebuilds.put("app", rebuilds.get("app").withBuild(intent.withDispatchRetry("webhook http://b/build unreachable: refused",
                day(8.01))));

        PlannedRebuild failing = plan("app", day(8.005));
        assertThat(failing.status()).isEqualTo(RebuildStatus.DISPATCH_FAILED);
        assertThat(failing.dueAt()).isEqualTo(day(8.01));
        assertThat(failing.waitingOn()).isEqualTo("webhook http://b/build unreachable: refused");
        assertThat(plan(day(8.005)).nextWakeUp()).as("the runner wakes for the retry").isEqualTo(day(8.01));
        assertThat(io.jenkins.plugins.imagefactory.status.StatusText.rebuild("app", failing))
                .startsWith("failed (will retry at 2026-11-09 00:14:24 UTC): webhook http://b/build unreachable");
    }

    @Test
    void anImageWhoseDockerfileCannotBeReadIsBlockedWithTheErrorNotUpToDate() {
        push(PY, 1, day(-30));
        enroll("app", APP, PY);
        images.put(APP, ImageState.fresh(ImageReference.parse(APP), "managed").withDiscovery(
                new io.jenkins.plugins.imagefactory.state.DiscoveryRecord(null, "Dockerfile", Map.of(), null, null, List.of(),
                        new io.jenkins.plugins.imagefactory.state.ErrorRecord("branch 'mian' not found", day(0)))));

        PlannedRebuild blocked = plan("app", day(1));
        assertThat(blocked.status()).isEqualTo(BLOCKED);
        assertThat(blocked.waitingOn()).isEqualTo("discovery failed: branch 'mian' not found");
    }

    @Test
    void everyNewerBaseDigestIsListedWithSinceWhenWhileItAges() {
        push(PY, 1, day(-30));
        enroll("app", APP, PY);
        push(PY, 2, day(1));
        push(PY, 3, day(2));

        PlannedRebuild waiting = plan("app", day(3));
        assertThat(waiting.status()).isEqualTo(WAITING_FOR_DELAY);
        assertThat(waiting.causes()).as("nothing has aged: no build target yet").isEmpty();
        assertThat(waiting.updates()).containsExactly(new BaseUpdate(PY, d(1), d(2), day(1), day(8)),
                new BaseUpdate(PY, d(1), d(3), day(2), day(9)));

        PlannedRebuild due = plan("app", day(8.5));
        assertThat(due.updates()).as("the target first, then what still ages")
                .containsExactly(new BaseUpdate(PY, d(1), d(2), day(1), day(8)), new BaseUpdate(PY, d(1), d(3), day(2), day(9)));
    }

    @Test
    void aRunningBuildWakesThePlannerWhenItTimesOut() {
        push(PY, 1, day(-30));
        enroll("app", APP, PY);
        push(PY, 2, day(0));
        PlannedRebuild due = plan("app", day(8));
        rebuilds.put("app", rebuilds.get("app").withBuild(new BuildRecord(due.key(), BuildRecord.RUNNING, day(8), "system",
                null, due.causes(), "jenkins", null, null, null, null, null)));

        PlannedRebuild running = plan("app", day(8.1));
        assertThat(running.status()).isEqualTo(RUNNING);
        assertThat(running.timeoutAt()).isEqualTo(day(8).plus(Enrollment.DEFAULT_BUILD_TIMEOUT));
        assertThat(plan(day(8.1)).nextWakeUp()).isEqualTo(day(8.25));
    }

    @Test
    void aTimedOutBuildCountsTowardTheBreaker() {
        push(PY, 1, day(-30));
        enroll("app", APP, PY);
        push(PY, 2, day(0));
        for (int i = 0; i < 3; i++) {
            built("app", plan("app", day(8)), BuildRecord.TIMED_OUT);
        }
        assertThat(plan("app", day(8)).status()).isEqualTo(BREAKER_OPEN);
    }

    @Test
    void aRequestsBuildsOverrideTheBreakerOnceThenTheBreakerStopsThemToo() {
        push(PY, 1, day(-30));
        enroll("app", APP, PY);
        push(PY, 2, day(0));
        for (int i = 0; i < 3; i++) {
            built("app", plan("app", day(8)), BuildRecord.FAILED);
        }
        assertThat(plan("app", day(8)).status()).isEqualTo(BREAKER_OPEN);

        rebuilds.put("app", rebuilds.get("app").withRequest(new RebuildRequest("alice", "CVE-2026-7", true, null, day(8.1))));
        PlannedRebuild asked = plan("app", day(8.1));
        assertThat(asked.status()).as("a person asked: the breaker does not stop the first build").isEqualTo(DUE);

        // The coordinator resets the breaker once, when the request is first taken in; its builds then fail again.
        rebuilds.put("app", rebuilds.get("app").withBreakerReset(day(8.1)));
        for (int i = 0; i < 3; i++) {
            PlannedRebuild retry = plan("app", day(8.2));
            assertThat(retry.status()).isEqualTo(DUE);
            assertThat(retry.request().urgent()).as("the retry keeps the urgency").isTrue();
            RebuildState state = rebuilds.get("app");
            rebuilds.put("app", state.withRequest(state.request().takenBy(retry.key())));
            built("app", retry, BuildRecord.FAILED, day(8.2));
        }
        PlannedRebuild stopped = plan("app", day(8.3));
        assertThat(stopped.status()).isEqualTo(BREAKER_OPEN);
        assertThat(stopped.request().reason()).as("the request is still shown").isEqualTo("CVE-2026-7");
    }
}
