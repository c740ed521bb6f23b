package io.jenkins.plugins.imagefactory.graph;

import io.jenkins.plugins.imagefactory.image.ImageReference;
import java.util.List;

/**
 * What the graph knows of one enrollment: the references it publishes and the bases it was last
 * discovered to use. An enrollment whose discovery failed keeps its last known bases.
 *
 * @param name       enrollment name
 * @param references one per tag
 * @param bases      reachable bases from the last successful discovery
 */
public record ManagedImage(String name, List<ImageReference> references, List<BaseUse> bases) {

    public ManagedImage {
        references = List.copyOf(references);
        bases = List.copyOf(bases);
    }
}
