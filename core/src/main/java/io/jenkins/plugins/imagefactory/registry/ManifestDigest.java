package io.jenkins.plugins.imagefactory.registry;

import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.image.Platform;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a tag pointed at when it was checked.
 *
 * @param reference       the reference that was checked (by tag, or by digest when pinned)
 * @param digest          the digest of the manifest or index the reference resolves to
 * @param mediaType       that manifest's media type, as the registry reported it
 * @param platformDigests for an index: the manifest digest serving each requested platform (a
 *                        requested platform the index does not offer is absent); empty for a
 *                        single-platform manifest or when no platforms were requested
 */
public record ManifestDigest(ImageReference reference, String digest, String mediaType,
                             Map<Platform, String> platformDigests) {

    public ManifestDigest {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(digest, "digest");
        platformDigests = Collections.unmodifiableMap(new TreeMap<>(
                platformDigests == null ? Map.of() : platformDigests));
    }

    public boolean isIndex() {
        return MediaTypes.isIndex(mediaType);
    }

    /**
     * The digest a build for {@code platform} would pull: the platform's own manifest for an index,
     * the manifest itself for a single-platform image; empty when the index lacks the platform.
     */
    public Optional<String> digestFor(Platform platform) {
        if (!isIndex()) {
            return Optional.of(digest);
        }
        return Optional.ofNullable(platformDigests.get(platform));
    }

    /** The full reference with its digest, as users copy it: {@code registry/repo:tag@sha256:...}. */
    public ImageReference pinned() {
        return reference.withoutDigest().withDigest(digest);
    }
}
