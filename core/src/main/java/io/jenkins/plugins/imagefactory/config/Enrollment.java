package io.jenkins.plugins.imagefactory.config;

import io.jenkins.plugins.imagefactory.image.ImageReference;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One managed image as a developer enrolled it, with global defaults already applied.
 *
 * @param name    unique, stable name ({@code payments-api})
 * @param image   registry and repository, no tag ({@code ghcr.io/acme/payments-api:latest} is held
 *                as its name part; see {@link #references()})
 * @param tags    the tags this enrollment builds and publishes
 * @param source  where its Dockerfile lives
 * @param rebuild its rebuild policy
 * @param build   how its build is started
 * @param owner   Backstage owner reference, or {@code null}
 * @param labels  free labels
 * @param origin  where in the config repo it was declared
 * @param buildTimeout how long a started build may go without a result before it counts as timed out
 *                     ({@code build.timeout})
 */
public record Enrollment(String name, String image, List<String> tags, Source source, RebuildPolicy rebuild,
                         BuildSpec build, String owner, Map<String, String> labels, ConfigLocation origin,
                         Duration buildTimeout) {

    public static final List<String> DEFAULT_TAGS = List.of(ImageReference.DEFAULT_TAG);
    /** Long enough for a slow multi-platform build; short enough that a lost result is noticed the same day. */
    public static final Duration DEFAULT_BUILD_TIMEOUT = Duration.ofHours(6);

    public Enrollment {
        tags = List.copyOf(tags);
        labels = Map.copyOf(labels);
        buildTimeout = buildTimeout == null ? DEFAULT_BUILD_TIMEOUT : buildTimeout;
    }

    public Enrollment(String name, String image, List<String> tags, Source source, RebuildPolicy rebuild, BuildSpec build,
                      String owner, Map<String, String> labels, ConfigLocation origin) {
        this(name, image, tags, source, rebuild, build, owner, labels, origin, DEFAULT_BUILD_TIMEOUT);
    }

    /** One canonical reference per tag: the managed images this enrollment stands for. */
    public List<ImageReference> references() {
        return tags.stream().map(tag -> ImageReference.parse(image + ":" + tag)).toList();
    }
}
