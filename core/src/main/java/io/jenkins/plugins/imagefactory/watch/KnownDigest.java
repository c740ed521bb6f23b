package io.jenkins.plugins.imagefactory.watch;

import io.jenkins.plugins.imagefactory.image.Platform;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What the previous cycles knew about a reference (the state store keeps it).
 *
 * @param digest          the last seen tag digest
 * @param mediaType       its media type, or {@code null}
 * @param platformDigests the last seen per-platform digests
 * @param lastChecked     when it was last checked, successfully or not; orders the next cycle
 */
public record KnownDigest(String digest, String mediaType, Map<Platform, String> platformDigests, Instant lastChecked) {

    public KnownDigest {
        Objects.requireNonNull(digest, "digest");
        platformDigests = Map.copyOf(platformDigests);
    }
}
