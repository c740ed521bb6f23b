package io.jenkins.plugins.imagefactory.watch;

import io.jenkins.plugins.imagefactory.image.ImageReference;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one watch cycle.
 *
 * @param results  per distinct checked reference (by tag), in check order
 * @param deferred references not checked because their registry's budget ran out; check them first next cycle
 * @param requests HTTP requests the cycle sent
 */
public record WatchCycle(Map<ImageReference, CheckResult> results, List<ImageReference> deferred, long requests) {

    public WatchCycle {
        results = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(results));
        deferred = List.copyOf(deferred);
    }
}
