package io.jenkins.plugins.imagefactory.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagefactory.config.BuildSpec;
import io.jenkins.plugins.imagefactory.config.ConfigLocation;
import io.jenkins.plugins.imagefactory.config.Enrollment;
import io.jenkins.plugins.imagefactory.config.GlobalSettings;
import io.jenkins.plugins.imagefactory.config.ImageFactoryConfig;
import io.jenkins.plugins.imagefactory.config.RebuildPolicy;
import io.jenkins.plugins.imagefactory.config.Source;
import io.jenkins.plugins.imagefactory.graph.ImageGraph;
import io.jenkins.plugins.imagefactory.state.DetectedBy;
import io.jenkins.plugins.imagefactory.state.DiscoveredBase;
import io.jenkins.plugins.imagefactory.state.Event;
import io.jenkins.plugins.imagefactory.state.ImageState;
import io.jenkins.plugins.imagefactory.state.StateSnapshot;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReconcilerTest {

    static final String PY = "docker.io/library/python:3.12-slim";
    static final String BASE = "ghcr.io/acme/base:1";
    static final String APP = "ghcr.io/acme/app:latest";
    static final String D1 = "sha256:" + "1".repeat(64);
    static final String D2 = "sha256:" + "2".repeat(64);
    static final String D3 = "sha256:" + "3".repeat(64);

    Instant now = Instant.parse("2026-11-01T00:00:00Z");
    Map<String, ImageState> images = new HashMap<>();
    Map<String, ImageState> archive = new HashMap<>();
    Map<String, io.jenkins.plugins.imagefactory.state.RebuildState> rebuilds = new HashMap<>();
    Map<String, io.jenkins.plugins.imagefactory.state.RebuildState> archivedRebuilds = new HashMap<>();
    Map<String, Enrollment> enrollments = new LinkedHashMap<>();
    Map<String, DiscoveryOutcome> discoveries = new HashMap<>();
    Map<String, DigestCheck> checks = new HashMap<>();

    static Enrollment enrollment(String name, String image, String tag) {
        return new Enrollment(name, image, List.of(tag), new Source("https://git.example.com/" + name + ".git", "main",
                "Dockerfile", ".", Map.of(), null), RebuildPolicy.DEFAULT, new BuildSpec.Jenkins(name, Map.of()), null,
                Map.of(), new ConfigLocation("images/" + name + ".yaml", 1, 1));
    }

    static DiscoveryOutcome found(String commit, String... bases) {
        List<DiscoveredBase> list = java.util.Arrays.stream(bases)
                .map(b -> new DiscoveredBase(b, "FROM", "0", true, false, true)).toList();
        return new DiscoveryOutcome.Found(commit, "Dockerfile", Map.of(), list);
    }

    void enroll(String name, String image, String tag, DiscoveryOutcome discovery) {
        enrollments.put(name, enrollment(name, image, tag));
        discoveries.put(name, discovery);
    }

    void seen(String ref, String digest) {
        checks.put(ref, new DigestCheck.Seen(digest, Map.of("linux/amd64", digest), null, DetectedBy.POLL));
    }

    Reconciler.Reconciliation cycle() {
        ImageFactoryConfig config = new ImageFactoryConfig(GlobalSettings.DEFAULT, List.copyOf(enrollments.values()), List.of());
        Map<String, ImageState> known = new HashMap<>(archive);
        known.putAll(images);
        ImageGraph graph = GraphBuilder.build(config, discoveries, known);
        Reconciler.Reconciliation result = Reconciler.reconcile(config, graph, discoveries, checks,
                new Reconciler.Previous(images, archive, rebuilds, archivedRebuilds), now);
        StateSnapshot snapshot = result.snapshot();
        images = new HashMap<>(snapshot.images());
        archive = new HashMap<>(snapshot.archived());
        rebuilds = new HashMap<>(snapshot.rebuilds());
        archivedRebuilds = new HashMap<>(snapshot.archivedRebuilds());
        checks.clear();
        now = now.plusSeconds(3600);
        return result;
    }

    static List<String> kinds(Reconciler.Reconciliation r) {
        return r.snapshot().events().stream().map(e -> e.kind() + " " + e.image()).toList();
    }

    @Test
    void theStageADiscoveryWasForIsRecordedSoTheNextCycleCanReuseIt() {
        List<DiscoveredBase> bases = List.of(new DiscoveredBase(PY, "FROM", "runtime", true, false, true));
        enroll("app", "ghcr.io/acme/app", "latest", new DiscoveryOutcome.Found("c1", "Dockerfile", Map.of(), "runtime", bases));
        seen(PY, D1);
        seen(APP, D2);
        cycle();
        assertThat(images.get(APP).discovery().target()).isEqualTo("runtime");

        // the same commit and bases for another stage is another discovery, recorded as such
        discoveries.put("app", new DiscoveryOutcome.Found("c1", "Dockerfile", Map.of(), "test", bases));
        seen(PY, D1);
        seen(APP, D2);
        cycle();
        assertThat(images.get(APP).discovery().target()).isEqualTo("test");
    }

    @Test
    void firstSyncTracksEverythingAndAnIdleSyncChangesNothing() {
        enroll("base", "ghcr.io/acme/base", "1", found("c1", PY));
        enroll("app", "ghcr.io/acme/app", "latest", found("c2", BASE));
        seen(PY, D1);
        seen(BASE, D2);
        seen(APP, D3);
        Reconciler.Reconciliation first = cycle();
        assertThat(first.summary().headline()).isEqualTo("3 images tracked, 2 discovery changes");
        assertThat(images.get(BASE).role()).isEqualTo("managed+base");
        assertThat(images.get(PY).role()).isEqualTo("base");
        assertThat(images.get(APP).role()).isEqualTo("managed");
        assertThat(images.get(PY).digest()).isEqualTo(D1);
        assertThat(images.get(APP).discovery().bases()).extracting(DiscoveredBase::ref).containsExactly(BASE);
        assertThat(rebuilds.get("app").builtAgainst()).containsExactly(Map.entry(BASE, D2));
        assertThat(rebuilds.get("base").builtAgainst()).containsExactly(Map.entry(PY, D1));

        Map<String, ImageState> before = images;
        seen(PY, D1);
        seen(BASE, D2);
        seen(APP, D3);
        Reconciler.Reconciliation idle = cycle();
        assertThat(idle.summary().isEmpty()).isTrue();
        assertThat(idle.snapshot().events()).isEmpty();
        assertThat(images).isEqualTo(before);
    }

    @Test
    void aNewBaseDigestIsOneUpdateEventWithOldAndNew() {
        enroll("app", "ghcr.io/acme/app", "latest", found("c1", PY));
        seen(PY, D1);
        cycle();
        checks.put(PY, new DigestCheck.Seen(D2, Map.of("linux/amd64", D2), Instant.parse("2026-10-31T12:00:00Z"),
                DetectedBy.WEBHOOK));
        Reconciler.Reconciliation update = cycle();
        assertThat(update.summary().items(Reconciler.BASE_UPDATE)).containsExactly(PY + " sha256:111111111111 -> sha256:222222222222");
        Event event = update.snapshot().events().get(0);
        assertThat(event.kind()).isEqualTo("update");
        assertThat(event.actor()).isEqualTo("webhook");
        assertThat(event.details()).containsEntry("oldDigest", D1).containsEntry("newDigest", D2)
                .containsEntry("pushedAt", "2026-10-31T12:00:00Z");
        assertThat(images.get(PY).history()).extracting(h -> h.digest()).containsExactly(D1, D2);
    }

    @Test
    void aChangeOnAPlatformNobodyBuildsIsNotAnUpdate() {
        enroll("app", "ghcr.io/acme/app", "latest", found("c1", PY));
        checks.put(PY, new DigestCheck.Seen(D1, Map.of("linux/amd64", D2), null, DetectedBy.POLL));
        cycle();
        checks.put(PY, new DigestCheck.Seen(D3, Map.of("linux/amd64", D2), null, DetectedBy.POLL));
        Reconciler.Reconciliation moved = cycle();
        assertThat(kinds(moved)).containsExactly("digest-moved " + PY);
        assertThat(moved.summary().count(Reconciler.BASE_UPDATE)).isZero();
    }

    @Test
    void demotionKeepsHistoryAndRemovalArchivesAndReEnrollmentRestores() {
        enroll("base", "ghcr.io/acme/base", "1", found("c1", PY));
        enroll("app", "ghcr.io/acme/app", "latest", found("c2", BASE));
        seen(BASE, D1);
        cycle();
        seen(BASE, D2);
        cycle();

        enrollments.remove("base");
        discoveries.remove("base");
        Reconciler.Reconciliation demoted = cycle();
        assertThat(kinds(demoted)).containsExactly("demoted " + BASE, "archived " + PY);
        assertThat(images.get(BASE).role()).isEqualTo("base");
        assertThat(images.get(BASE).history()).hasSize(2);
        assertThat(archive).containsKey(PY);

        enrollments.remove("app");
        discoveries.remove("app");
        Reconciler.Reconciliation removed = cycle();
        assertThat(removed.summary().items(Reconciler.ARCHIVED)).containsExactlyInAnyOrder(APP, BASE);
        assertThat(images).isEmpty();
        assertThat(rebuilds).isEmpty();
        assertThat(archivedRebuilds).containsOnlyKeys("app", "base");

        enroll("base", "ghcr.io/acme/base", "1", found("c1", PY));
        Reconciler.Reconciliation restored = cycle();
        assertThat(kinds(restored)).contains("restored " + BASE, "promoted " + BASE, "restored " + PY);
        assertThat(images.get(BASE).history()).hasSize(2);
        assertThat(images.get(BASE).role()).isEqualTo("managed");
        assertThat(archive).containsOnlyKeys(APP);
    }

    @Test
    void discoveryChangesReportAddedAndRemovedAndEmptyIsRecorded() {
        enroll("app", "ghcr.io/acme/app", "latest", found("c1", PY));
        cycle();
        discoveries.put("app", found("c2", "docker.io/library/alpine:3.20"));
        Reconciler.Reconciliation changed = cycle();
        Event discovery = changed.snapshot().events().stream().filter(e -> e.kind().equals("discovery")).findFirst().orElseThrow();
        assertThat(discovery.details()).containsEntry("added", List.of("docker.io/library/alpine:3.20"))
                .containsEntry("removed", List.of(PY));
        assertThat(archive).containsKey(PY);

        discoveries.put("app", found("c3"));
        Reconciler.Reconciliation scratch = cycle();
        assertThat(images.get(APP).discovery().bases()).isEmpty();
        assertThat(images.get(APP).discovery().commit()).isEqualTo("c3");
        assertThat(scratch.summary().items(Reconciler.DISCOVERY_CHANGE)).containsExactly(
                "app -docker.io/library/alpine:3.20 (no bases)");
    }

    @Test
    void aFailedDiscoveryKeepsTheLastBasesAndReportsOnce() {
        enroll("app", "ghcr.io/acme/app", "latest", found("c1", PY));
        enroll("other", "ghcr.io/acme/other", "latest", found("c1", PY));
        cycle();
        discoveries.put("app", new DiscoveryOutcome.Failed("Dockerfile: line 3: no FROM"));
        Reconciler.Reconciliation failed = cycle();
        assertThat(failed.summary().items(Reconciler.ERROR)).containsExactly("app: Dockerfile: line 3: no FROM");
        assertThat(images.get(APP).discovery().bases()).extracting(DiscoveredBase::ref).containsExactly(PY);
        assertThat(images).containsKey(PY);
        Reconciler.Reconciliation again = cycle();
        assertThat(again.summary().isEmpty()).isTrue();
        assertThat(images.get(APP).discovery().error().since()).isEqualTo(Instant.parse("2026-11-01T01:00:00Z"));
        discoveries.put("app", found("c1", PY));
        cycle();
        assertThat(images.get(APP).discovery().error()).isNull();
    }

    @Test
    void aCheckErrorIsRecordedOnceAndClearedOnRecovery() {
        enroll("app", "ghcr.io/acme/app", "latest", found("c1", PY));
        seen(PY, D1);
        cycle();
        checks.put(PY, new DigestCheck.Failed("docker.io: 503 Service Unavailable"));
        seen(APP, D2);
        Reconciler.Reconciliation failing = cycle();
        assertThat(kinds(failing)).containsExactly("check-error " + PY, "digest-recorded " + APP);
        assertThat(images.get(PY).digest()).isEqualTo(D1);
        checks.put(PY, new DigestCheck.Failed("docker.io: 503 Service Unavailable"));
        assertThat(cycle().snapshot().events()).isEmpty();
        seen(PY, D1);
        assertThat(kinds(cycle())).containsExactly("check-recovered " + PY);
        assertThat(images.get(PY).error()).isNull();
    }

    @Test
    void theImagesOwnBaseAnnotationsSayWhatItWasBuiltAgainst() {
        enroll("app", "ghcr.io/acme/app", "latest", found("c1", PY));
        seen(PY, D1);
        checks.put(APP, new DigestCheck.Seen(D3, Map.of(), null, DetectedBy.POLL,
                new io.jenkins.plugins.imagefactory.state.BuiltFrom("python:3.12-slim", D1)));
        cycle();
        assertThat(rebuilds.get("app").builtAgainst()).containsExactly(Map.entry(PY, D1));

        // Someone rebuilt the app by hand on a newer python: its annotations say so, and that wins.
        seen(PY, D2);
        String rebuilt = "sha256:" + "4".repeat(64);
        checks.put(APP, new DigestCheck.Seen(rebuilt, Map.of(), null, DetectedBy.POLL,
                new io.jenkins.plugins.imagefactory.state.BuiltFrom("docker.io/library/python:3.12-slim", D2)));
        cycle();
        assertThat(images.get(APP).builtFrom().digest()).isEqualTo(D2);
        assertThat(rebuilds.get("app").builtAgainst()).containsExactly(Map.entry(PY, D2));
    }

    @Test
    void aCycleIsAnErrorOnEachImageInIt() {
        enroll("a", "ghcr.io/acme/a", "1", found("c1", "ghcr.io/acme/b:1"));
        enroll("b", "ghcr.io/acme/b", "1", found("c1", "ghcr.io/acme/a:1"));
        Reconciler.Reconciliation result = cycle();
        assertThat(images.get("ghcr.io/acme/a:1").discovery().error().message()).isEqualTo("dependency cycle: a -> b -> a");
        assertThat(images.get("ghcr.io/acme/b:1").discovery().error().message()).isEqualTo("dependency cycle: a -> b -> a");
        assertThat(result.summary().count(Reconciler.ERROR)).isEqualTo(2);
    }
}
