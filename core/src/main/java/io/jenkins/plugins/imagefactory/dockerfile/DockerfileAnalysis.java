package io.jenkins.plugins.imagefactory.dockerfile;

import java.util.List;

/**
 * What a Dockerfile depends on. An empty list of dependencies is a real answer (only
 * {@code scratch} or internal stages), distinct from a {@link DockerfileException}.
 *
 * @param dependencies external images in order of appearance
 * @param stages       stage names (or indexes) in order
 * @param target       index of the stage that is built
 */
public record DockerfileAnalysis(List<Dependency> dependencies, List<String> stages, int target) {

    public DockerfileAnalysis {
        dependencies = List.copyOf(dependencies);
        stages = List.copyOf(stages);
    }

    /** Dependencies that drive rebuilds: reachable from the built stage. */
    public List<Dependency> reachable() {
        return dependencies.stream().filter(Dependency::reachable).toList();
    }
}
