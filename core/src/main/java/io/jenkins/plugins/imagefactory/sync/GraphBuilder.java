package io.jenkins.plugins.imagefactory.sync;

import io.jenkins.plugins.imagefactory.config.Enrollment;
import io.jenkins.plugins.imagefactory.config.ImageFactoryConfig;
import io.jenkins.plugins.imagefactory.graph.BaseUse;
import io.jenkins.plugins.imagefactory.graph.ImageGraph;
import io.jenkins.plugins.imagefactory.graph.ManagedImage;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.state.DiscoveredBase;
import io.jenkins.plugins.imagefactory.state.DiscoveryRecord;
import io.jenkins.plugins.imagefactory.state.ImageState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds the cycle's graph from config, this cycle's discoveries and, where discovery failed or was skipped, the last good one. */
public final class GraphBuilder {

    private GraphBuilder() {
    }

    public static ImageGraph build(ImageFactoryConfig config, Map<String, DiscoveryOutcome> discoveries,
                                   Map<String, ImageState> previous) {
        List<ManagedImage> images = new ArrayList<>();
        for (Enrollment enrollment : config.enrollments()) {
            List<DiscoveredBase> bases = basesOf(enrollment, discoveries.get(enrollment.name()), previous);
            List<BaseUse> uses = bases.stream().filter(DiscoveredBase::reachable)
                    .map(b -> new BaseUse(ImageReference.parse(b.ref()), b.pinned(), b.primary()))
                    .toList();
            images.add(new ManagedImage(enrollment.name(), enrollment.references(), uses));
        }
        return ImageGraph.of(images);
    }

    static List<DiscoveredBase> basesOf(Enrollment enrollment, DiscoveryOutcome outcome, Map<String, ImageState> previous) {
        if (outcome instanceof DiscoveryOutcome.Found found) {
            return found.bases();
        }
        return lastDiscovery(enrollment, previous).map(DiscoveryRecord::bases).orElse(List.of());
    }

    /** The enrollment's last recorded discovery, from the state of any of its tags. */
    public static Optional<DiscoveryRecord> lastDiscovery(Enrollment enrollment, Map<String, ImageState> previous) {
        for (ImageReference reference : enrollment.references()) {
            ImageState state = previous.get(reference.canonical());
            if (state != null && state.discovery() != null) {
                return Optional.of(state.discovery());
            }
        }
        return Optional.empty();
    }
}
