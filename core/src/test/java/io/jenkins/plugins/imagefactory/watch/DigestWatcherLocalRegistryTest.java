package io.jenkins.plugins.imagefactory.watch;

import io.jenkins.plugins.imagefactory.state.DetectedBy;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.image.Platform;
import io.jenkins.plugins.imagefactory.registry.RegistryClient;
import io.jenkins.plugins.imagefactory.testing.LocalRegistry;
import io.jenkins.plugins.imagefactory.testing.LocalRegistryExtension;
import io.jenkins.plugins.imagefactory.testing.OciPusher;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The watcher against a real registry: what a sync cycle reports as images are re-pushed. */
class DigestWatcherLocalRegistryTest {

    @RegisterExtension
    static final LocalRegistryExtension REGISTRY = LocalRegistryExtension.anonymous();

    private static final Platform AMD64 = Platform.parse("linux/amd64");
    private static final Platform ARM64 = Platform.parse("linux/arm64");
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    private final RegistryClient client = RegistryClient.builder().build();
    private final DigestWatcher watcher = new DigestWatcher(client, Clock.fixed(NOW, ZoneOffset.UTC), 5, 4);
    private final Map<ImageReference, KnownDigest> state = new HashMap<>();

    private CycleReport cycle(List<WatchTarget> targets, DetectedBy how) {
        CycleReport report = watcher.check(targets, state, how);
        for (CheckOutcome outcome : report.outcomes()) {
            if (outcome instanceof CheckOutcome.Discovered d) {
                state.put(d.reference(), KnownDigest.of(d.current(), d.checkedAt()));
            } else if (outcome instanceof CheckOutcome.Unchanged u) {
                state.put(u.reference(), KnownDigest.of(u.current(), u.checkedAt()));
            } else if (outcome instanceof CheckOutcome.Updated u) {
                state.put(u.reference(), KnownDigest.of(u.current(), u.detectedAt()));
            }
        }
        return report;
    }

    @Test
    void firstSightingIsRecordedThenNothingChangesUntilARePush(LocalRegistry registry) {
        OciPusher pusher = registry.pusher();
        OciPusher.Pushed v1 = pusher.pushImage("base/os", "stable", AMD64);
        ImageReference ref = ImageReference.parse(registry.host() + "/base/os:stable");
        List<WatchTarget> targets = List.of(new WatchTarget(ref, Set.of(AMD64)));

        assertThat(cycle(targets, DetectedBy.POLL).discovered()).singleElement()
                .satisfies(d -> assertThat(d.current().digest()).isEqualTo(v1.digest()));
        assertThat(cycle(targets, DetectedBy.POLL).unchanged()).hasSize(1);

        OciPusher.Pushed v2 = pusher.pushImage("base/os", "stable", AMD64);
        CheckOutcome.Updated update = cycle(targets, DetectedBy.WEBHOOK).updated().get(0);

        assertThat(update.oldDigest()).isEqualTo(v1.digest());
        assertThat(update.newDigest()).isEqualTo(v2.digest());
        assertThat(update.platformChanges()).containsExactly(new PlatformChange(AMD64, v1.digest(), v2.digest()));
        assertThat(update.how()).isEqualTo(DetectedBy.WEBHOOK);
        assertThat(update.detectedAt()).isEqualTo(NOW);
        assertThat(update.pushedAtIfKnown()).as("a plain distribution registry publishes no push dates").isEmpty();
        assertThat(update.delayStart()).isEqualTo(NOW);
    }

    @Test
    void aChangeToAnArchitectureNobodyBuildsIsNotAnUpdate(LocalRegistry registry) {
        OciPusher pusher = registry.pusher();
        OciPusher.Pushed amd = pusher.pushManifestFor("base/multi", AMD64);
        pusher.pushIndex("base/multi", "1", Map.of(AMD64, amd, ARM64, pusher.pushManifestFor("base/multi", ARM64)));
        ImageReference ref = ImageReference.parse(registry.host() + "/base/multi:1");
        List<WatchTarget> amdOnly = List.of(new WatchTarget(ref, Set.of(AMD64)));
        cycle(amdOnly, DetectedBy.POLL);

        OciPusher.Pushed armOnlyChange = pusher.pushIndex("base/multi", "1", Map.of(AMD64, amd, ARM64, pusher.pushManifestFor("base/multi", ARM64)));
        CycleReport afterArmChange = cycle(amdOnly, DetectedBy.POLL);
        OciPusher.Pushed newAmd = pusher.pushManifestFor("base/multi", AMD64);
        pusher.pushIndex("base/multi", "1", Map.of(AMD64, newAmd, ARM64, pusher.pushManifestFor("base/multi", ARM64)));
        CycleReport afterAmdChange = cycle(amdOnly, DetectedBy.POLL);

        assertThat(afterArmChange.unchanged()).singleElement()
                .satisfies(u -> assertThat(u.current().digest()).as("new index digest still stored").isEqualTo(armOnlyChange.digest()));
        assertThat(afterAmdChange.updated()).singleElement()
                .satisfies(u -> assertThat(u.platformChanges()).containsExactly(new PlatformChange(AMD64, amd.digest(), newAmd.digest())));
    }

    @Test
    void manyEnrollmentsOnOneBaseCostOneRequestAndPlatformsAreUnited(LocalRegistry registry) {
        OciPusher pusher = registry.pusher();
        pusher.pushIndex("base/shared", "1", Map.of(AMD64, pusher.pushManifestFor("base/shared", AMD64),
                ARM64, pusher.pushManifestFor("base/shared", ARM64)));
        ImageReference ref = ImageReference.parse(registry.host() + "/base/shared:1");
        List<WatchTarget> enrollments = List.of(new WatchTarget(ref, Set.of(AMD64)), new WatchTarget(ref, Set.of(ARM64)),
                new WatchTarget(ref, Set.of(AMD64)));
        cycle(enrollments, DetectedBy.POLL);
        long before = client.requestCount();

        CycleReport report = cycle(enrollments, DetectedBy.POLL);

        assertThat(report.outcomes()).hasSize(1);
        assertThat(report.unchanged().get(0).current().platformDigests()).containsOnlyKeys(AMD64, ARM64);
        assertThat(client.requestCount() - before).isEqualTo(1);
    }

    @Test
    void anErrorStaysWithItsReferenceAndTheOthersAreStillChecked(LocalRegistry registry) {
        registry.pusher().pushImage("base/good", "1", AMD64);
        ImageReference good = ImageReference.parse(registry.host() + "/base/good:1");
        ImageReference missing = ImageReference.parse(registry.host() + "/base/missing:1");

        CycleReport report = cycle(List.of(new WatchTarget(missing, Set.of()), new WatchTarget(good, Set.of())), DetectedBy.MANUAL);

        assertThat(report.failed()).singleElement().satisfies(f -> {
            assertThat(f.reference()).isEqualTo(missing);
            assertThat(f.status()).isEqualTo(404);
            assertThat(f.message()).contains(missing.canonical());
        });
        assertThat(report.discovered()).extracting(CheckOutcome::reference).containsExactly(good);
    }
}
