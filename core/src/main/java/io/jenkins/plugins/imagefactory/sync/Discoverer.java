package io.jenkins.plugins.imagefactory.sync;

import io.jenkins.plugins.imagefactory.config.Enrollment;
import io.jenkins.plugins.imagefactory.state.ImageState;
import java.util.List;
import java.util.Map;

/** The discovery step of a cycle: read each enrollment's Dockerfile and find its bases. */
@FunctionalInterface
public interface Discoverer {

    /**
     * An outcome for every enrollment, by name. Implementations reuse the previous discovery when
     * neither the source commit nor the build args changed; one failure never stops the others.
     *
     * @param previous last cycle's image state, tracked and archived, by canonical reference
     */
    Map<String, DiscoveryOutcome> discover(List<Enrollment> enrollments, Map<String, ImageState> previous);
}
