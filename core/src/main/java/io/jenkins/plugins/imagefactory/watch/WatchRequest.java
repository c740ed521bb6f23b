package io.jenkins.plugins.imagefactory.watch;

import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.image.Platform;
import io.jenkins.plugins.imagefactory.state.DetectedBy;
import java.util.Objects;
import java.util.Set;

/**
 * One enrollment's interest in a reference. Several requests may name the same reference; the
 * watcher checks it once with the union of their platforms.
 *
 * @param reference the tag to watch (a digest on it is ignored: the tag is what moves)
 * @param platforms the platforms the requester builds; empty means "the tag's own digest only"
 * @param how       {@link DetectedBy#POLL}, or webhook/manual when a hint asked for this check
 */
public record WatchRequest(ImageReference reference, Set<Platform> platforms, DetectedBy how) {

    public WatchRequest {
        Objects.requireNonNull(reference, "reference");
        platforms = Set.copyOf(platforms);
        how = how == null ? DetectedBy.POLL : how;
    }

    public static WatchRequest poll(ImageReference reference, Set<Platform> platforms) {
        return new WatchRequest(reference, platforms, DetectedBy.POLL);
    }
}
