package io.jenkins.plugins.imagefactory.watch;

import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.image.Platform;
import io.jenkins.plugins.imagefactory.registry.ManifestDigest;
import io.jenkins.plugins.imagefactory.registry.MediaTypes;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the previous cycle knew about a reference, as the state store keeps it.
 *
 * @param digest          last seen top-level digest, or {@code null} if never seen
 * @param mediaType       its media type, or {@code null}
 * @param platformDigests last seen per-platform digests (index only)
 * @param lastChecked     when it was last checked (successfully or not), or {@code null} if never
 */
public record KnownDigest(String digest, String mediaType, Map<Platform, String> platformDigests, Instant lastChecked) {

    public KnownDigest {
        platformDigests = Collections.unmodifiableMap(new TreeMap<>(platformDigests == null ? Map.of() : platformDigests));
    }

    public static KnownDigest of(ManifestDigest manifest, Instant checkedAt) {
        return new KnownDigest(manifest.digest(), manifest.mediaType(), manifest.platformDigests(), checkedAt);
    }

    boolean isIndex() {
        return MediaTypes.isIndex(mediaType);
    }

    /** The digest a build for {@code platform} pulled last time, when known. */
    Optional<String> digestFor(Platform platform) {
        if (digest == null) {
            return Optional.empty();
        }
        return isIndex() ? Optional.ofNullable(platformDigests.get(platform)) : Optional.of(digest);
    }

    Optional<ManifestDigest> asManifest(ImageReference reference) {
        return digest == null ? Optional.empty() : Optional.of(new ManifestDigest(reference, digest, mediaType, platformDigests));
    }
}
