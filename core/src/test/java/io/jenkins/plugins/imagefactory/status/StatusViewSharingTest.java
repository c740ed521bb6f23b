package io.jenkins.plugins.imagefactory.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A host builds one view per cycle and every request reads it: the graph, the rows and the index
 * are computed once per view, never per call (a 10,000-image estate would otherwise rebuild its
 * graph on every page).
 */
class StatusViewSharingTest {

    private final StatusView view = StatusView.read(Path.of("..", "examples", "config-repo"),
            Instant.parse("2026-11-24T00:00:00Z")).orElseThrow();

    @Test
    void theReaderAndTheRowsAreBuiltOncePerView() {
        assertThat(view.reader()).isSameAs(view.reader());
        assertThat(view.rows()).isSameAs(view.rows());
        assertThat(view.firstPageJson()).isSameAs(view.firstPageJson());
    }

    @Test
    void requestsRacingForTheFirstRowsGetTheSameOnes() {
        StatusView fresh = new StatusView(view.config(), view.images(), view.rebuilds(), view.plan(), view.takenAt());
        List<CompletableFuture<List<StatusView.ImageRow>>> racers = java.util.stream.IntStream.range(0, 8)
                .mapToObj(i -> CompletableFuture.supplyAsync(fresh::rows)).toList();

        List<List<StatusView.ImageRow>> seen = racers.stream().map(CompletableFuture::join).toList();

        assertThat(seen).allSatisfy(rows -> assertThat(rows).isSameAs(seen.get(0)));
        assertThat(seen.get(0)).isEqualTo(view.rows());
    }

    @Test
    void aDetailIsTheRowOfTheListWithItsHistoryAndBuilds() {
        StatusView.ImageRow first = view.rows().stream().filter(r -> r.enrollment() != null).findFirst().orElseThrow();

        StatusView.ImageDetail byName = view.detail(first.enrollment()).orElseThrow();
        StatusView.ImageDetail byRef = view.detail(first.ref()).orElseThrow();

        assertThat(byName.summary()).isSameAs(first);
        assertThat(byRef.summary()).isSameAs(first);
        assertThat(view.detail("no-such-image")).isEmpty();
    }
}
