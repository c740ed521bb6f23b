package io.jenkins.plugins.imagefactory.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagefactory.config.ConfigError;
import io.jenkins.plugins.imagefactory.config.ConfigLoadResult;
import io.jenkins.plugins.imagefactory.config.ConfigLocation;
import io.jenkins.plugins.imagefactory.config.ConfigLoader;
import io.jenkins.plugins.imagefactory.config.ImageFactoryConfig;
import io.jenkins.plugins.imagefactory.git.WriterLease;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.state.DetectedBy;
import io.jenkins.plugins.imagefactory.state.DigestRecord;
import io.jenkins.plugins.imagefactory.state.ImageState;
import io.jenkins.plugins.imagefactory.state.StateSnapshot;
import io.jenkins.plugins.imagefactory.sync.CycleSummary;
import io.jenkins.plugins.imagefactory.sync.SyncResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What both hosts publish after a cycle: the state the cycle wrote, not a second read of every
 * state file; the work tree only when the cycle wrote nothing of its own.
 */
class StatusViewAfterCycleTest {

    private static final Path EXAMPLE = Path.of("..", "examples", "config-repo");
    private static final Instant NOW = Instant.parse("2026-11-24T00:00:00Z");
    private static final String API = "ghcr.io/acme/payments-api:latest";
    private static final String DIGEST = "sha256:" + "a".repeat(64);

    @TempDir
    Path empty;

    private final ImageFactoryConfig config = ((ConfigLoadResult.Valid) ConfigLoader.load(EXAMPLE)).config();

    @Test
    void afterACompletedCycleTheViewIsWhatTheCycleWroteWithoutReadingTheWorkTree() {
        ImageState written = ImageState.fresh(ImageReference.parse(API), "managed")
                .withDigest(new DigestRecord(DIGEST, Map.of(), NOW, null, DetectedBy.POLL));
        SyncResult completed = new SyncResult.Completed(new CycleSummary(), List.of(),
                StateSnapshot.ofImages(Map.of(API, written), Map.of(), List.of()), null, config, List.of(), List.of());

        // the work tree holds no config at all: reading it would give no view
        Optional<StatusView> view = StatusView.afterCycle(completed, empty, NOW);

        assertThat(view).isPresent();
        assertThat(view.get().rows()).filteredOn(row -> row.ref().equals(API)).singleElement()
                .satisfies(row -> assertThat(row.digest()).isEqualTo(DIGEST));
        assertThat(view.get().config()).isSameAs(config);
        assertThat(view.get().takenAt()).isEqualTo(NOW);
    }

    @Test
    void whenAnotherInstanceWroteTheViewIsTheWorkTreeAsItIs() {
        SyncResult notWriter = new SyncResult.NotWriter(new WriterLease("other-host", NOW.plusSeconds(600)));

        Optional<StatusView> view = StatusView.afterCycle(notWriter, EXAMPLE, NOW);

        assertThat(view).isPresent();
        assertThat(view.get().rows()).extracting(StatusView.ImageRow::enrollment).contains("payments-api");
        assertThat(view.get().rows()).allSatisfy(row -> assertThat(row.digest()).isNull());
    }

    @Test
    void anInvalidConfigGivesNoNewViewSoThePreviousOneStays() {
        SyncResult invalid = new SyncResult.InvalidConfig(List.of(new ConfigError(new ConfigLocation("image-factory.yaml", 1, 1),
                "version", "missing")));

        assertThat(StatusView.afterCycle(invalid, empty, NOW)).isEmpty();
    }
}
