package io.jenkins.plugins.imagefactory.sync;

import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.image.Platform;
import io.jenkins.plugins.imagefactory.state.DetectedBy;
import java.util.List;

/**
 * One reference to check this cycle.
 *
 * @param reference  the tag to check
 * @param platforms  the union of the platforms the images that follow it build (its own, for a managed image)
 * @param detectedBy {@link DetectedBy#WEBHOOK} or {@link DetectedBy#MANUAL} when a hint asked for it, else poll;
 *                   hinted references are checked first and never deferred
 * @param managed    an enrolled image: a new digest's OCI base annotations say what it was built on
 */
public record CheckTarget(ImageReference reference, List<Platform> platforms, DetectedBy detectedBy, boolean managed) {

    public CheckTarget {
        platforms = List.copyOf(platforms);
    }

    public CheckTarget(ImageReference reference, List<Platform> platforms, DetectedBy detectedBy) {
        this(reference, platforms, detectedBy, false);
    }
}
