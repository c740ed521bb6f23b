package io.jenkins.plugins.imagefactory.watch;

import io.jenkins.plugins.imagefactory.state.DetectedBy;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.registry.ManifestDigest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What one cycle found out about one reference. */
public sealed interface CheckOutcome {

    ImageReference reference();

    /** Seen for the first time: its digest is recorded, nothing to rebuild. */
    record Discovered(ImageReference reference, ManifestDigest current, Instant checkedAt) implements CheckOutcome {
    }

    /**
     * No change that matters. {@code current} may still carry a new top-level digest (an index
     * changed only for platforms nobody builds); store it so the next check compares against it.
     */
    record Unchanged(ImageReference reference, ManifestDigest current, Instant checkedAt) implements CheckOutcome {
    }

    /**
     * A change that matters to at least one wanted platform (or the top-level digest when no
     * platform is wanted).
     *
     * @param platformChanges the wanted platforms whose digest changed; empty when none are wanted
     * @param pushedAt        when the provider says the tag was pushed, or {@code null} when it does not say
     */
    record Updated(ImageReference reference, String oldDigest, String newDigest, List<PlatformChange> platformChanges,
                   Instant detectedAt, DetectedBy how, Instant pushedAt, ManifestDigest current) implements CheckOutcome {
        public Updated {
            platformChanges = List.copyOf(platformChanges);
        }

        public Optional<Instant> pushedAtIfKnown() {
            return Optional.ofNullable(pushedAt);
        }

        /** When the rebuild delay starts: the push time where known, otherwise the detection time. */
        public Instant delayStart() {
            return pushedAt != null ? pushedAt : detectedAt;
        }
    }

    /**
     * The check failed; recorded against this reference only.
     *
     * @param status HTTP status, or 0 when there was no response
     */
    record Failed(ImageReference reference, String message, int status, Instant failedAt) implements CheckOutcome {
    }

    /** Not checked this cycle because its registry's request budget ran out; first in line next cycle. */
    record Deferred(ImageReference reference, String reason) implements CheckOutcome {
    }
}
