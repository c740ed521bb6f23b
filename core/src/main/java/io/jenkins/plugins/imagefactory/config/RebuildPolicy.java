package io.jenkins.plugins.imagefactory.config;

import io.jenkins.plugins.imagefactory.image.Platform;
import java.time.Duration;
import java.util.List;

/**
 * When and for which platforms a managed image is rebuilt.
 *
 * @param delay     how long a new base digest must age before it may trigger a rebuild
 * @param auto      whether rebuilds are triggered automatically ({@code false}: only marked available)
 * @param platforms the platforms the image is built for; base digests of other platforms are ignored
 */
public record RebuildPolicy(Duration delay, boolean auto, List<Platform> platforms) {

    public static final Duration DEFAULT_DELAY = Duration.ofDays(7);
    public static final RebuildPolicy DEFAULT = new RebuildPolicy(DEFAULT_DELAY, true, List.of(Platform.LINUX_AMD64));

    public RebuildPolicy {
        platforms = List.copyOf(platforms);
    }
}
