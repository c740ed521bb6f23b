package io.jenkins.plugins.imagefactory.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.jenkins.plugins.imagefactory.config.ConfigLoadResult;
import io.jenkins.plugins.imagefactory.config.ConfigLoader;
import io.jenkins.plugins.imagefactory.config.Enrollment;
import io.jenkins.plugins.imagefactory.config.ImageFactoryConfig;
import io.jenkins.plugins.imagefactory.rebuild.PlannedRebuild;
import io.jenkins.plugins.imagefactory.rebuild.RebuildPlan;
import io.jenkins.plugins.imagefactory.rebuild.RebuildPlanner;
import io.jenkins.plugins.imagefactory.state.BuildRecord;
import io.jenkins.plugins.imagefactory.state.DigestRecord;
import io.jenkins.plugins.imagefactory.state.ImageState;
import io.jenkins.plugins.imagefactory.state.RebuildState;
import io.jenkins.plugins.imagefactory.state.StateStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable picture of everything the APIs and dashboards show, taken from the config repo's
 * work tree between cycles. Both hosts serve the same shapes from it.
 *
 * @param config   the config it was read with
 * @param images   state per reference
 * @param rebuilds rebuild bookkeeping per enrollment
 * @param plan     the rebuild plan as of {@code takenAt}
 * @param takenAt  when
 */
public record StatusView(ImageFactoryConfig config, Map<String, ImageState> images, Map<String, RebuildState> rebuilds,
                         RebuildPlan plan, Instant takenAt) {

    /** Reads a work tree; empty when its config is invalid (the previous view should stay). */
    public static Optional<StatusView> read(Path workTree, Instant now) {
        ConfigLoadResult loaded = ConfigLoader.load(workTree);
        if (!(loaded instanceof ConfigLoadResult.Valid valid)) {
            return Optional.empty();
        }
        ImageFactoryConfig config = valid.config();
        StateStore store = new StateStore(workTree, config.settings().paths());
        Map<String, ImageState> images = store.loadImages();
        Map<String, RebuildState> rebuilds = store.loadRebuilds();
        StatusReader reader = new StatusReader(config, images, rebuilds);
        RebuildPlan plan = RebuildPlanner.plan(config, reader.graph(), images, rebuilds, now);
        return Optional.of(new StatusView(config, images, rebuilds, plan, now));
    }

    public StatusReader reader() {
        return new StatusReader(config, images, rebuilds);
    }

    /** One row per tracked image: what a list or dashboard shows. */
    public List<ImageRow> rows() {
        return reader().all().stream().map(this::row).toList();
    }

    /** Everything about one image, by enrollment name or reference. */
    public Optional<ImageDetail> detail(String nameOrReference) {
        return reader().find(nameOrReference).map(status -> {
            ImageState state = images.get(status.ref());
            List<DigestRecord> history = state == null ? List.of() : state.history();
            List<BuildRecord> builds = status.enrollment() == null ? List.of()
                    : rebuilds.getOrDefault(status.enrollment(), RebuildState.empty(status.enrollment())).builds();
            return new ImageDetail(row(status), status, history, builds);
        });
    }

    private ImageRow row(ImageStatus status) {
        PlannedRebuild planned = status.enrollment() == null ? null : plan.image(status.enrollment()).orElse(null);
        BuildRecord last = status.builds().isEmpty() ? null : status.builds().get(status.builds().size() - 1);
        Enrollment enrollment = status.enrollment() == null ? null : config.enrollment(status.enrollment()).orElse(null);
        boolean breaker = enrollment != null && rebuilds.getOrDefault(enrollment.name(), RebuildState.empty(enrollment.name()))
                .breakerOpen();
        String refDigest = status.digest() == null ? null
                : io.jenkins.plugins.imagefactory.image.ImageReference.parse(status.ref()).name() + "@" + status.digest();
        return new ImageRow(status.ref(), status.role(), status.enrollment(), status.owner(), status.digest(), refDigest,
                status.lastUpdate() == null ? null : status.lastUpdate().agedFrom(),
                planned == null ? null : planned.status().label(), planned == null ? null : planned.dueAt(),
                planned == null ? List.of() : planned.causes().stream().map(c -> c.base() + " " + c.oldDigest() + " -> "
                        + c.newDigest()).toList(),
                planned == null ? null : planned.waitingOn(),
                last == null ? null : last.status(), last == null ? null : Links.safeHref(last.runUrl()),
                last == null ? null : (last.finishedAt() != null ? last.finishedAt() : last.requestedAt()),
                breaker, status.error(), status.dependencies(), status.dependents());
    }

    /** A list row; field names are the JSON API's. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record ImageRow(String ref, String role, String enrollment, String owner, String digest, String refDigest,
                           Instant updatedAt, String rebuildStatus, Instant rebuildDue, List<String> rebuildCauses,
                           String waitingOn, String lastBuildStatus, String lastBuildUrl, Instant lastBuildAt,
                           boolean breakerOpen, String error, List<String> dependencies, List<String> dependents) {
    }

    /** The image page: its row, its merged config + state, every digest it had and every build. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record ImageDetail(ImageRow summary, ImageStatus status, List<DigestRecord> history, List<BuildRecord> builds) {
    }
}
