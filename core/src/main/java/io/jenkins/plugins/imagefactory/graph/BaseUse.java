package io.jenkins.plugins.imagefactory.graph;

import io.jenkins.plugins.imagefactory.image.ImageReference;

/**
 * One base a managed image is built from, as discovery found it (reachable stages only).
 *
 * @param reference the base as written, possibly pinned to a digest
 * @param pinned    whether the Dockerfile pins a digest: a new digest of the tag cannot change the build
 * @param primary   whether it is the base of the stage that is built
 */
public record BaseUse(ImageReference reference, boolean pinned, boolean primary) {

    /** The node this use points at: the tag, without any pinned digest (or the digest when there is no tag). */
    public ImageReference node() {
        return reference.hasTag() ? reference.withoutDigest() : reference;
    }
}
