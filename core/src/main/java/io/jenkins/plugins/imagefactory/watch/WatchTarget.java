package io.jenkins.plugins.imagefactory.watch;

import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.image.Platform;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A reference to watch and the platforms whose digests matter for it (the platforms some enrolled
 * image builds from it). No platforms means the top-level digest alone decides.
 */
public record WatchTarget(ImageReference reference, Set<Platform> platforms) {

    public WatchTarget {
        Objects.requireNonNull(reference, "reference");
        platforms = Collections.unmodifiableSet(new TreeSet<>(platforms == null ? Set.of() : platforms));
    }

    /**
     * One target per distinct reference, with the union of the platforms every enrollment wants, so
     * ten thousand enrollments on two thousand bases cost two thousand checks.
     */
    public static List<WatchTarget> merge(Collection<WatchTarget> targets) {
        Map<ImageReference, Set<Platform>> byReference = new LinkedHashMap<>();
        for (WatchTarget target : targets) {
            byReference.computeIfAbsent(target.reference(), r -> new TreeSet<>()).addAll(target.platforms());
        }
        return byReference.entrySet().stream().map(e -> new WatchTarget(e.getKey(), e.getValue())).toList();
    }
}
