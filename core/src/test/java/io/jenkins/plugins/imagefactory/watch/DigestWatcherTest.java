package io.jenkins.plugins.imagefactory.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.image.Platform;
import io.jenkins.plugins.imagefactory.registry.RegistryClient;
import io.jenkins.plugins.imagefactory.state.DetectedBy;
import io.jenkins.plugins.imagefactory.testing.LocalRegistry;
import io.jenkins.plugins.imagefactory.testing.RegistryPusher;
import io.jenkins.plugins.imagefactory.testing.RegistryPusher.Pushed;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The watcher against a real registry: one request per distinct reference, platform-aware updates. */
class DigestWatcherTest {

    private static final Platform AMD64 = Platform.LINUX_AMD64;
    private static final Platform ARM64 = Platform.parse("linux/arm64");
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @RegisterExtension
    final LocalRegistry registry = LocalRegistry.anonymous();

    private final RegistryClient client = RegistryClient.builder().build();
    private final DigestWatcher watcher = new DigestWatcher(client, PushedAtLookup.unknown(), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void duplicate_enrollments_cost_one_check_and_first_sight_is_a_baseline() {
        registry.pusher().pushImage("lib/base", "1", AMD64);
        ImageReference base = ImageReference.parse(registry.host() + "/lib/base:1");

        WatchCycle cycle = watcher.check(List.of(
                WatchRequest.poll(base, Set.of(AMD64)),
                WatchRequest.poll(base.withTag("1"), Set.of(AMD64)),
                WatchRequest.poll(base, Set.of())), Map.of());

        assertThat(cycle.requests()).isEqualTo(1);
        assertThat(cycle.results()).containsOnlyKeys(base);
        assertThat(cycle.results().get(base)).isInstanceOf(CheckResult.FirstSeen.class);
    }

    @Test
    void re_push_is_an_update_with_old_and_new_digest_and_how_it_was_detected() {
        RegistryPusher pusher = registry.pusher();
        String old = pusher.pushImage("lib/app", "2", AMD64);
        ImageReference app = ImageReference.parse(registry.host() + "/lib/app:2");
        String fresh = pusher.pushImage("lib/app", "2", AMD64);

        WatchCycle cycle = watcher.check(List.of(new WatchRequest(app, Set.of(AMD64), DetectedBy.WEBHOOK)),
                Map.of(app, new KnownDigest(old, null, Map.of(AMD64, old), NOW.minusSeconds(3600))));

        assertThat(cycle.results().get(app)).isInstanceOfSatisfying(CheckResult.Updated.class, updated -> {
            assertThat(updated.oldDigest()).isEqualTo(old);
            assertThat(updated.newDigest()).isEqualTo(fresh);
            assertThat(updated.platformChanges()).containsExactly(new PlatformChange(AMD64, old, fresh));
            assertThat(updated.how()).isEqualTo(DetectedBy.WEBHOOK);
            assertThat(updated.detectedAt()).isEqualTo(NOW);
            assertThat(updated.pushedAt()).as("a plain registry does not say when").isNull();
        });
    }

    @Test
    void a_change_to_a_platform_nobody_builds_is_not_an_update() {
        RegistryPusher pusher = registry.pusher();
        Pushed amd = pusher.pushManifest("lib/multi", AMD64);
        Pushed arm = pusher.pushManifest("lib/multi", ARM64);
        pusher.pushIndex("lib/multi", "3", List.of(amd, arm));
        ImageReference multi = ImageReference.parse(registry.host() + "/lib/multi:3");
        WatchCycle first = watcher.check(List.of(WatchRequest.poll(multi, Set.of(AMD64))), Map.of());
        CheckResult.FirstSeen baseline = (CheckResult.FirstSeen) first.results().get(multi);
        KnownDigest known = new KnownDigest(baseline.digest(), baseline.mediaType(), baseline.platformDigests(), NOW);

        pusher.pushIndex("lib/multi", "3", List.of(amd, pusher.pushManifest("lib/multi", ARM64)));
        WatchCycle amdOnly = watcher.check(List.of(WatchRequest.poll(multi, Set.of(AMD64))), Map.of(multi, known));
        Pushed newAmd = pusher.pushManifest("lib/multi", AMD64);
        pusher.pushIndex("lib/multi", "3", List.of(newAmd, arm));
        WatchCycle amdMoved = watcher.check(List.of(WatchRequest.poll(multi, Set.of(AMD64))), Map.of(multi, known));

        assertThat(amdOnly.results().get(multi)).isInstanceOfSatisfying(CheckResult.Unchanged.class, unchanged -> {
            assertThat(unchanged.indexMoved()).isTrue();
            assertThat(unchanged.platformDigests()).containsEntry(AMD64, amd.digest());
        });
        assertThat(amdMoved.results().get(multi)).isInstanceOfSatisfying(CheckResult.Updated.class, updated ->
                assertThat(updated.platformChanges()).containsExactly(new PlatformChange(AMD64, amd.digest(), newAmd.digest())));
    }

    @Test
    void one_failing_reference_does_not_stop_the_others() {
        registry.pusher().pushImage("lib/ok", "1", AMD64);
        ImageReference ok = ImageReference.parse(registry.host() + "/lib/ok:1");
        ImageReference missing = ImageReference.parse(registry.host() + "/lib/missing:1");

        WatchCycle cycle = watcher.check(List.of(WatchRequest.poll(missing, Set.of()), WatchRequest.poll(ok, Set.of())), Map.of());

        assertThat(cycle.results().get(missing)).isInstanceOfSatisfying(CheckResult.Failed.class,
                failed -> assertThat(failed.status()).isEqualTo(404));
        assertThat(cycle.results().get(ok)).isInstanceOf(CheckResult.FirstSeen.class);
        assertThat(cycle.deferred()).isEmpty();
    }

    @Test
    void unchanged_tags_cost_one_head_each_and_the_least_recently_checked_go_first() {
        RegistryPusher pusher = registry.pusher();
        Map<ImageReference, KnownDigest> known = new HashMap<>();
        for (int i = 0; i < 3; i++) {
            String digest = pusher.pushImage("lib/order", "t" + i, AMD64);
            known.put(ImageReference.parse(registry.host() + "/lib/order:t" + i),
                    new KnownDigest(digest, null, Map.of(), NOW.minusSeconds(10L * (3 - i))));
        }
        List<WatchRequest> requests = known.keySet().stream().map(r -> WatchRequest.poll(r, Set.of())).toList();

        WatchCycle cycle = new DigestWatcher(client, PushedAtLookup.unknown(), Clock.fixed(NOW, ZoneOffset.UTC), 0, 1)
                .check(requests, known);

        assertThat(cycle.requests()).isEqualTo(3);
        assertThat(cycle.results().keySet()).extracting(ImageReference::tag).containsExactly("t0", "t1", "t2");
        assertThat(cycle.results().values()).allMatch(CheckResult.Unchanged.class::isInstance);
    }
}
