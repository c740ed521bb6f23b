package io.jenkins.plugins.imagefactory.watch;

import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.image.Platform;
import io.jenkins.plugins.imagefactory.registry.RegistryException;
import io.jenkins.plugins.imagefactory.state.DetectedBy;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What one check of one reference found. */
public sealed interface CheckResult {

    ImageReference reference();

    /** When the check ran. */
    Instant checkedAt();

    /**
     * Nothing a requester builds changed. {@code digest} may still differ from the known one when
     * only platforms nobody builds moved ({@link #indexMoved()}): store it, rebuild nothing.
     */
    record Unchanged(ImageReference reference, String digest, String mediaType, Map<Platform, String> platformDigests,
            boolean indexMoved, Instant checkedAt) implements CheckResult {
        public Unchanged {
            platformDigests = Map.copyOf(platformDigests);
        }
    }

    /** The first time this reference is seen: a baseline to record, not an update to rebuild for. */
    record FirstSeen(ImageReference reference, String digest, String mediaType, Map<Platform, String> platformDigests,
            Instant checkedAt) implements CheckResult {
        public FirstSeen {
            platformDigests = Map.copyOf(platformDigests);
        }
    }

    /**
     * The tag moved for a wanted platform (or, with no platforms wanted, the tag's digest moved).
     *
     * @param pushedAt the registry's push time for the tag when the provider tells (Docker Hub,
     *                 GHCR), else {@code null}; the start of the rebuild delay
     */
    record Updated(ImageReference reference, String oldDigest, String newDigest, String mediaType,
            Map<Platform, String> platformDigests, List<PlatformChange> platformChanges, Instant detectedAt,
            DetectedBy how, Instant pushedAt) implements CheckResult {
        public Updated {
            platformDigests = Map.copyOf(platformDigests);
            platformChanges = List.copyOf(platformChanges);
        }

        @Override
        public Instant checkedAt() {
            return detectedAt;
        }
    }

    /** The check failed; recorded against this reference only. */
    record Failed(ImageReference reference, String message, int status, String errorCode, Instant checkedAt)
            implements CheckResult {

        static Failed of(ImageReference reference, RegistryException e, Instant at) {
            return new Failed(reference, e.getMessage(), e.status(), e.errorCode(), at);
        }
    }
}
