package io.jenkins.plugins.imagefactory.registry;

import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.image.Platform;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The current digest of a tag.
 *
 * @param reference       the reference asked about (by tag)
 * @param digest          digest of the manifest or index the tag points at
 * @param mediaType       its media type (index, list, OCI or Docker manifest)
 * @param platformDigests for each requested platform the index serves, the digest of its
 *                        manifest; for a single manifest, that manifest's digest for every
 *                        requested platform. Platforms the index lacks are absent.
 */
public record ManifestDigest(ImageReference reference, String digest, String mediaType, Map<Platform, String> platformDigests) {

    public ManifestDigest {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(digest, "digest");
        platformDigests = Map.copyOf(platformDigests);
    }

    public boolean isIndex() {
        return MediaTypes.isIndex(mediaType);
    }

    /** Platform digests in platform order, for stable output. */
    public Map<Platform, String> sortedPlatformDigests() {
        return new TreeMap<>(platformDigests);
    }
}
