package io.jenkins.plugins.imagefactory.watch;

import io.jenkins.plugins.imagefactory.image.ImageReference;
import java.time.Instant;
import java.util.Optional;

/** When a tag was last pushed, where the registry's provider says so (Docker Hub, GHCR). */
@FunctionalInterface
public interface PushedAtLookup {

    Optional<Instant> pushedAt(ImageReference tag);

    static PushedAtLookup unknown() {
        return tag -> Optional.empty();
    }
}
