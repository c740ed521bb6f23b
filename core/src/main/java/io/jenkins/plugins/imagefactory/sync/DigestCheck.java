package io.jenkins.plugins.imagefactory.sync;

import io.jenkins.plugins.imagefactory.state.DetectedBy;
import java.time.Instant;
import java.util.Map;

/** What checking one reference's digest gave this cycle. No outcome means "not checked" (deferred). */
public sealed interface DigestCheck {

    /**
     * @param digest     the tag's current manifest or index digest
     * @param platforms  per-platform digests for the platforms its dependents build, by {@code os/arch}
     * @param pushedAt   the registry's push time for the tag, or {@code null}
     * @param detectedBy poll, webhook or manual
     * @param builtFrom  for a managed image, the base its OCI annotations name, or {@code null}
     */
    record Seen(String digest, Map<String, String> platforms, Instant pushedAt, DetectedBy detectedBy,
                io.jenkins.plugins.imagefactory.state.BuiltFrom builtFrom) implements DigestCheck {
        public Seen {
            platforms = Map.copyOf(platforms);
        }

        public Seen(String digest, Map<String, String> platforms, Instant pushedAt, DetectedBy detectedBy) {
            this(digest, platforms, pushedAt, detectedBy, null);
        }
    }

    /**
     * @param message       what failed, with registry, status and the registry's own error
     * @param lastGoodCheck when the last check that worked was made, when the checker knows it, else {@code null}
     */
    record Failed(String message, Instant lastGoodCheck) implements DigestCheck {
        public Failed(String message) {
            this(message, null);
        }
    }
}
