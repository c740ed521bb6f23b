package io.jenkins.plugins.imagefactory.watch;

import io.jenkins.plugins.imagefactory.image.Platform;

/**
 * One wanted platform whose digest moved.
 *
 * @param platform  the platform
 * @param oldDigest its previous digest, or {@code null} when the tag did not serve it before
 * @param newDigest its digest now, or {@code null} when the tag no longer serves it
 */
public record PlatformChange(Platform platform, String oldDigest, String newDigest) {
}
