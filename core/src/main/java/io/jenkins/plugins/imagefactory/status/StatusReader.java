package io.jenkins.plugins.imagefactory.status;

import io.jenkins.plugins.imagefactory.config.Enrollment;
import io.jenkins.plugins.imagefactory.config.ImageFactoryConfig;
import io.jenkins.plugins.imagefactory.graph.BaseUse;
import io.jenkins.plugins.imagefactory.graph.Dependent;
import io.jenkins.plugins.imagefactory.graph.ImageGraph;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.image.Platform;
import io.jenkins.plugins.imagefactory.state.ImageState;
import io.jenkins.plugins.imagefactory.state.RebuildState;
import io.jenkins.plugins.imagefactory.sync.GraphBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The read model: config merged over state for every tracked image. Enrollment fields always come
 * from config, so a policy change shows at once, before any sync has run (Req 5.3, 6.5).
 */
public final class StatusReader {

    private final ImageFactoryConfig config;
    private final Map<String, ImageState> states;
    private final Map<String, RebuildState> rebuilds;
    private final ImageGraph graph;

    public StatusReader(ImageFactoryConfig config, Map<String, ImageState> states, Map<String, RebuildState> rebuilds) {
        this.config = config;
        this.states = states;
        this.rebuilds = rebuilds;
        this.graph = GraphBuilder.build(config, Map.of(), states);
    }

    public ImageGraph graph() {
        return graph;
    }

    public List<ImageStatus> all() {
        List<ImageStatus> out = new ArrayList<>();
        for (ImageReference reference : graph.tracked()) {
            out.add(status(reference));
        }
        return out;
    }

    /** By canonical or familiar reference, or by enrollment name (its first tag). */
    public Optional<ImageStatus> find(String nameOrReference) {
        Optional<Enrollment> enrollment = config.enrollment(nameOrReference);
        if (enrollment.isPresent()) {
            return Optional.of(status(enrollment.get().references().get(0)));
        }
        try {
            ImageReference reference = ImageReference.parse(nameOrReference);
            return graph.role(reference).isPresent() ? Optional.of(status(reference)) : Optional.empty();
        } catch (IllegalArgumentException notAReference) {
            return Optional.empty();
        }
    }

    private ImageStatus status(ImageReference reference) {
        ImageState state = states.getOrDefault(reference.canonical(),
                ImageState.fresh(reference, graph.role(reference).map(r -> r.label()).orElse("base")));
        String role = graph.role(reference).map(r -> r.label()).orElse(state.role());
        Enrollment enrollment = graph.managedBy(reference).flatMap(config::enrollment).orElse(null);
        List<String> dependencies = graph.managedBy(reference).flatMap(graph::image)
                .map(image -> image.bases().stream().map(BaseUse::reference).map(ImageReference::canonical).toList())
                .orElse(List.of());
        List<String> dependents = graph.directDependents(reference).stream().map(Dependent::name).toList();
        String error = state.error() != null ? state.error().message()
                : state.discovery() != null && state.discovery().error() != null ? state.discovery().error().message()
                : null;
        return new ImageStatus(reference.canonical(), role,
                enrollment == null ? null : enrollment.name(),
                enrollment != null && enrollment.owner() != null ? enrollment.owner() : config.settings().defaultOwner(),
                enrollment == null ? null : ImageStatus.duration(enrollment.rebuild().delay()),
                enrollment == null ? null : enrollment.rebuild().auto(),
                enrollment == null ? List.of() : enrollment.rebuild().platforms().stream().map(Platform::toString).toList(),
                enrollment == null ? null : enrollment.build().kind(),
                enrollment == null ? null : enrollment.source().repository(),
                state.digest(), state.current().orElse(null), dependencies, dependents, error,
                enrollment == null ? List.of() : rebuilds.getOrDefault(enrollment.name(), RebuildState.empty(enrollment.name())).builds(),
                state.history().size(),
                enrollment == null ? null : enrollment.source().branch(),
                enrollment == null ? null : enrollment.source().dockerfile(),
                enrollment == null ? null : ImageStatus.duration(enrollment.buildTimeout()));
    }
}
