package io.jenkins.plugins.imagefactory.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagefactory.git.ConfigRepository;
import io.jenkins.plugins.imagefactory.git.ConfigRepositoryLocation;
import io.jenkins.plugins.imagefactory.rebuild.RebuildCoordinator;
import io.jenkins.plugins.imagefactory.secret.SecretResolver;
import io.jenkins.plugins.imagefactory.state.DetectedBy;
import io.jenkins.plugins.imagefactory.state.DiscoveredBase;
import io.jenkins.plugins.imagefactory.testing.git.BareRemote;
import io.jenkins.plugins.imagefactory.testing.git.WorkingClone;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's git behaviour against a real bare remote: commits, idle cycles, invalid config,
 * concurrent pushes. Discovery and digest checks are this test's own small stand-ins (their real
 * implementations have their own tests against real git and a real registry).
 */
class SyncEngineTest {

    static final String PY = "docker.io/library/python:3.12-slim";
    static final String D1 = "sha256:" + "1".repeat(64);
    static final String D2 = "sha256:" + "2".repeat(64);

    @TempDir
    Path dir;

    BareRemote remote;
    ConfigRepository repository;
    final Map<String, String> digests = new HashMap<>();
    final List<String> progress = new ArrayList<>();
    Instant now = Instant.parse("2026-11-01T00:00:00Z");

    @BeforeEach
    void setUp() {
        remote = BareRemote.create(dir, "config");
        remote.commit("main", Map.of(
                "image-factory.yaml", "version: 1\n",
                "images/app.yaml", """
                        name: app
                        image: ghcr.io/acme/app
                        source: {repository: "https://git.example.com/app.git"}
                        build: {webhook: {url: "http://127.0.0.1:1/build"}}
                        """), "enroll app");
        repository = ConfigRepository.open(ConfigRepositoryLocation.of(remote.url(), "main", dir.resolve("work")),
                SecretResolver.none());
        digests.put(PY, D1);
        digests.put("ghcr.io/acme/app:latest", D2);
    }

    @AfterEach
    void tearDown() {
        repository.close();
    }

    SyncEngine engine() {
        Discoverer discoverer = (enrollments, previous) -> {
            Map<String, DiscoveryOutcome> out = new HashMap<>();
            enrollments.forEach(e -> out.put(e.name(), new DiscoveryOutcome.Found("c1", "Dockerfile", Map.of(),
                    List.of(new DiscoveredBase(PY, "FROM", "0", true, false, true)))));
            return out;
        };
        DigestChecker checker = (targets, previous) -> {
            Map<String, DigestCheck> out = new HashMap<>();
            targets.forEach(t -> out.put(t.reference().canonical(), new DigestCheck.Seen(
                    digests.get(t.reference().canonical()), Map.of(), null, t.detectedBy())));
            return out;
        };
        return new SyncEngine(repository, discoverer, checker, new RebuildCoordinator(kind -> Optional.empty()),
                Clock.fixed(now, ZoneOffset.UTC), progress::add);
    }

    List<RevCommit> history() throws Exception {
        try (Git git = Git.open(remote.dir().toFile())) {
            List<RevCommit> out = new ArrayList<>();
            git.log().call().forEach(out::add);
            return out;
        }
    }

    @Test
    void firstSyncCommitsEverythingOnceAndAnIdleSyncCommitsNothing() throws Exception {
        SyncResult first = engine().sync(SyncOptions.scheduled());
        assertThat(first).isInstanceOf(SyncResult.Completed.class);
        assertThat(((SyncResult.Completed) first).commits()).hasSize(1);
        assertThat(history()).hasSize(2);
        assertThat(history().get(0).getShortMessage()).isEqualTo("image-factory: 2 images tracked, 1 discovery change");
        assertThat(history().get(0).getFullMessage()).contains("- image tracked: " + PY + " (base)");

        try (WorkingClone clone = remote.newClone()) {
            assertThat(clone.workTree().resolve("state/images/docker.io/library/python/3.12-slim.yaml")).exists();
            assertThat(clone.workTree().resolve("state/rebuilds/app.yaml")).exists();
            assertThat(Files.readString(clone.workTree().resolve("state/events/2026-11.jsonl")).lines()).hasSize(5);
        }

        now = now.plusSeconds(3600);
        SyncResult idle = engine().sync(SyncOptions.scheduled());
        assertThat(((SyncResult.Completed) idle).commits()).isEmpty();
        assertThat(history()).hasSize(2);
    }

    @Test
    void aBaseUpdateIsOneCommitWithOldAndNewDigest() throws Exception {
        engine().sync(SyncOptions.scheduled());
        digests.put(PY, "sha256:" + "3".repeat(64));
        now = now.plusSeconds(60);
        SyncResult.Completed update = (SyncResult.Completed) engine().sync(
                new SyncOptions(false, Map.of(io.jenkins.plugins.imagefactory.image.ImageReference.parse(PY), DetectedBy.WEBHOOK),
                        "webhook"));
        assertThat(update.summary().headline()).isEqualTo("1 base update");
        assertThat(history().get(0).getFullMessage()).contains(PY + " sha256:111111111111 -> sha256:333333333333");
        try (WorkingClone clone = remote.newClone()) {
            String events = Files.readString(clone.workTree().resolve("state/events/2026-11.jsonl"));
            assertThat(events.lines().filter(l -> l.contains("\"kind\":\"update\""))).singleElement().asString()
                    .contains("\"oldDigest\":\"" + D1 + "\"").contains("\"detectedBy\":\"webhook\"");
        }
    }

    @Test
    void aPushHintCycleChecksOnlyTheHintedReferenceAndReadsNoSource() throws Exception {
        engine().sync(SyncOptions.scheduled());
        List<String> checked = new ArrayList<>();
        int[] discoveries = {0};
        SyncEngine quick = new SyncEngine(repository, (enrollments, previous) -> {
            discoveries[0]++;
            return Map.of();
        }, (targets, previous) -> {
            Map<String, DigestCheck> out = new HashMap<>();
            targets.forEach(t -> {
                checked.add(t.reference().canonical());
                out.put(t.reference().canonical(), new DigestCheck.Seen("sha256:" + "5".repeat(64), Map.of(), null,
                        t.detectedBy()));
            });
            return out;
        }, new RebuildCoordinator(kind -> Optional.empty()), Clock.fixed(now.plusSeconds(60), ZoneOffset.UTC), progress::add);
        SyncResult.Completed result = (SyncResult.Completed) quick.sync(new SyncOptions(false,
                Map.of(io.jenkins.plugins.imagefactory.image.ImageReference.parse(PY), DetectedBy.WEBHOOK), "webhook", true));
        assertThat(discoveries[0]).isZero();
        assertThat(checked).containsExactly(PY);
        assertThat(result.summary().headline()).isEqualTo("1 base update");
        assertThat(result.snapshot().images().get("ghcr.io/acme/app:latest").discovery().bases()).hasSize(1);
    }

    @Test
    void anInvalidConfigChangesNothing() throws Exception {
        engine().sync(SyncOptions.scheduled());
        remote.commit("main", Map.of("images/broken.yaml", "name: Broken\n"), "a broken enrollment");
        int before = history().size();
        SyncResult result = engine().sync(SyncOptions.scheduled());
        assertThat(result).isInstanceOf(SyncResult.InvalidConfig.class);
        assertThat(((SyncResult.InvalidConfig) result).errors()).extracting(Object::toString)
                .contains("images/broken.yaml:1:1: image: is required");
        assertThat(history()).hasSize(before);
    }

    @Test
    void aConcurrentCommitDuringASyncLosesNothing() throws Exception {
        engine().sync(SyncOptions.scheduled());
        digests.put(PY, "sha256:" + "4".repeat(64));
        // Another writer pushes while this engine's cycle runs: between refresh and publish.
        DigestChecker racing = (targets, previous) -> {
            remote.commit("main", Map.of("images/other.yaml", """
                    name: other
                    image: ghcr.io/acme/other
                    source: {repository: "https://git.example.com/other.git"}
                    build: {webhook: {url: "http://127.0.0.1:1/build"}}
                    """), "enroll other meanwhile");
            Map<String, DigestCheck> out = new HashMap<>();
            targets.forEach(t -> out.put(t.reference().canonical(), new DigestCheck.Seen(
                    digests.getOrDefault(t.reference().canonical(), D2), Map.of(), null, DetectedBy.POLL)));
            return out;
        };
        SyncEngine engine = new SyncEngine(repository, (enrollments, previous) -> {
            Map<String, DiscoveryOutcome> out = new HashMap<>();
            enrollments.forEach(e -> out.put(e.name(), new DiscoveryOutcome.Found("c1", "Dockerfile", Map.of(),
                    List.of(new DiscoveredBase(PY, "FROM", "0", true, false, true)))));
            return out;
        }, racing, new RebuildCoordinator(kind -> Optional.empty()), Clock.fixed(now.plusSeconds(60), ZoneOffset.UTC),
                progress::add);
        engine.sync(SyncOptions.scheduled());

        assertThat(history()).extracting(RevCommit::getShortMessage)
                .containsSubsequence("image-factory: 1 base update", "enroll other meanwhile");
        try (WorkingClone clone = remote.newClone()) {
            assertThat(clone.workTree().resolve("images/other.yaml")).exists();
            assertThat(Files.readString(clone.workTree().resolve("state/events/2026-11.jsonl")).lines()
                    .filter(l -> l.contains("\"kind\":\"update\""))).hasSize(1);
        }
    }
}
