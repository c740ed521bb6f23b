package io.jenkins.plugins.imagefactory.watch;

import io.jenkins.plugins.imagefactory.image.Platform;

/**
 * A platform whose manifest changed.
 *
 * @param oldDigest before, or {@code null} when the index did not offer the platform
 * @param newDigest now, or {@code null} when the index no longer offers it
 */
public record PlatformChange(Platform platform, String oldDigest, String newDigest) {
}
