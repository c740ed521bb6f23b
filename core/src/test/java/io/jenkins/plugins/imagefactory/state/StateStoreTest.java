package io.jenkins.plugins.imagefactory.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagefactory.config.GlobalSettings.ConfigPaths;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {

    private static final String OLD = "sha256:" + "1".repeat(64);
    private static final String NEW = "sha256:" + "2".repeat(64);
    private static final Instant T0 = Instant.parse("2026-10-31T23:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-02T08:30:00Z");

    @TempDir
    Path root;

    private StateStore store() {
        return new StateStore(root, ConfigPaths.DEFAULT);
    }

    private static ImageState alpine() {
        return ImageState.fresh(ImageReference.parse("alpine:3.20"), "base")
                .withDigest(new DigestRecord(OLD, Map.of("linux/amd64", OLD), T0, null, DetectedBy.POLL))
                .withDigest(new DigestRecord(NEW, Map.of("linux/amd64", NEW), T1, T0, DetectedBy.WEBHOOK));
    }

    @Test
    void pathsAreSafeAndDistinct() {
        assertThat(StatePaths.relativeFile(ImageReference.parse("alpine:3.20")))
                .isEqualTo("docker.io/library/alpine/3.20.yaml");
        assertThat(StatePaths.relativeFile(ImageReference.parse("localhost:5000/team/app:v1")))
                .isEqualTo("localhost%3A5000/team/app/v1.yaml");
        assertThat(StatePaths.relativeFile(ImageReference.parse("[::1]:5000/app:1")))
                .isEqualTo("%5B%3A%3A1%5D%3A5000/app/1.yaml");
        assertThat(StatePaths.relativeFile(ImageReference.parse("busybox@" + OLD)))
                .isEqualTo("docker.io/library/busybox/%40sha256%3A" + "1".repeat(64) + ".yaml");
    }

    @Test
    void writesReadableDeterministicYamlAndReadsItBack() throws IOException {
        ImageState state = alpine();
        store().write(StateSnapshot.ofImages(Map.of(state.ref(), state), Map.of(), List.of()));

        Path file = root.resolve("state/images/docker.io/library/alpine/3.20.yaml");
        String text = Files.readString(file);
        assertThat(text).isEqualTo("""
                ref: docker.io/library/alpine:3.20
                role: base
                digest: %2$s
                platforms:
                  linux/amd64: %2$s
                history:
                  - digest: %1$s
                    platforms:
                      linux/amd64: %1$s
                    firstSeen: 2026-10-31T23:00:00Z
                    detectedBy: poll
                  - digest: %2$s
                    platforms:
                      linux/amd64: %2$s
                    firstSeen: 2026-11-02T08:30:00Z
                    pushedAt: 2026-10-31T23:00:00Z
                    detectedBy: webhook
                """.formatted(OLD, NEW));
        assertThat(store().loadImages()).containsExactly(Map.entry(state.ref(), state));

        long modified = Files.getLastModifiedTime(file).toMillis();
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(modified - 10_000));
        store().write(StateSnapshot.ofImages(Map.of(state.ref(), state), Map.of(), List.of()));
        assertThat(Files.getLastModifiedTime(file).toMillis()).isEqualTo(modified - 10_000);
    }

    @Test
    void aDiscoveryKeepsTheStageItWasAnalysedForAndAFileFromBeforeTargetsLoadsAsTheLastStage() throws IOException {
        DiscoveredBase base = new DiscoveredBase("docker.io/library/debian:12", "FROM debian:12 AS runtime", "runtime",
                true, false, true);
        ImageState withTarget = ImageState.fresh(ImageReference.parse("ghcr.io/acme/app:1"), "managed").withDiscovery(
                new DiscoveryRecord("c0ffee", "Dockerfile", Map.of(), "runtime", T0, List.of(base), null));
        store().write(StateSnapshot.ofImages(Map.of(withTarget.ref(), withTarget), Map.of(), List.of()));
        Path file = root.resolve("state/images/ghcr.io/acme/app/1.yaml");

        assertThat(file).content().contains("  target: runtime\n");
        assertThat(store().loadImages().get(withTarget.ref()).discovery().target()).isEqualTo("runtime");

        Files.writeString(file, Files.readString(file).replace("  target: runtime\n", ""));
        DiscoveryRecord older = store().loadImages().get(withTarget.ref()).discovery();
        assertThat(older.target()).isNull();
        assertThat(older.bases()).containsExactly(base);
    }

    @Test
    void aRecordEqualToWhatTheFolderHoldsIsNotRenderedAgainButAChangedOrMissingOneIs() throws IOException {
        ImageState state = alpine();
        ImageState other = ImageState.fresh(ImageReference.parse("debian:12"), "base");
        StateSnapshot written = StateSnapshot.ofImages(Map.of(state.ref(), state, other.ref(), other), Map.of(), List.of());
        store().write(written);
        Path file = root.resolve("state/images/docker.io/library/alpine/3.20.yaml");
        Path otherFile = root.resolve("state/images/docker.io/library/debian/12.yaml");
        // a by-hand edit the store cannot know of: proof that an unchanged record's file is not even rendered
        Files.writeString(file, Files.readString(file) + "# untouched\n");
        Files.delete(otherFile);

        ImageState changed = state.withRole("managed+base");
        store().write(StateSnapshot.ofImages(Map.of(state.ref(), state, other.ref(), other), Map.of(), List.of()), written);

        assertThat(file).content().endsWith("# untouched\n");
        assertThat(store().loadImages()).containsEntry(other.ref(), other);

        store().write(StateSnapshot.ofImages(Map.of(state.ref(), changed, other.ref(), other), Map.of(), List.of()), written);
        assertThat(file).content().doesNotContain("# untouched");
        assertThat(store().loadImages()).containsEntry(state.ref(), changed);
    }

    @Test
    void archivingMovesTheFileAndRestoringMovesItBack() {
        ImageState state = alpine();
        store().write(StateSnapshot.ofImages(Map.of(state.ref(), state), Map.of(), List.of()));
        store().write(StateSnapshot.ofImages(Map.of(), Map.of(state.ref(), state), List.of()));
        assertThat(root.resolve("state/images/docker.io")).doesNotExist();
        assertThat(store().loadArchive()).containsKey(state.ref());
        assertThat(store().loadArchive().get(state.ref()).history()).hasSize(2);

        store().write(StateSnapshot.ofImages(Map.of(state.ref(), state), Map.of(), List.of()));
        assertThat(store().loadImages()).containsKey(state.ref());
        assertThat(root.resolve("state/archive/docker.io")).doesNotExist();
    }

    @Test
    void eventsAreAppendedByMonthAsJsonLines() throws IOException {
        Event first = Event.of(T0, "update", "docker.io/library/alpine:3.20",
                java.util.Collections.singletonMap("oldDigest", null));
        Event second = new Event(T1, "update", "docker.io/library/alpine:3.20", "webhook:distribution",
                Map.of("oldDigest", OLD, "newDigest", NEW));
        store().write(StateSnapshot.ofImages(Map.of(), Map.of(), List.of(first)));
        store().write(StateSnapshot.ofImages(Map.of(), Map.of(), List.of(second)));

        assertThat(Files.readString(root.resolve("state/events/2026-10.jsonl"))).isEqualTo(
                "{\"time\":\"2026-10-31T23:00:00Z\",\"kind\":\"update\",\"image\":\"docker.io/library/alpine:3.20\","
                        + "\"actor\":\"system\"}\n");
        assertThat(Files.readAllLines(root.resolve("state/events/2026-11.jsonl"))).hasSize(1);
        assertThat(store().readEvents()).containsExactly(
                new Event(T0, "update", "docker.io/library/alpine:3.20", "system", Map.of()), second);
    }

    @Test
    void anUnreadableStateFileIsNamed() throws IOException {
        Path file = root.resolve("state/images/docker.io/library/x/1.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "ref: [not, a, ref\n");
        assertThatThrownBy(() -> store().loadImages()).isInstanceOf(StateFileException.class)
                .hasMessageStartingWith("state/images/docker.io/library/x/1.yaml: unreadable state file");
    }
}
