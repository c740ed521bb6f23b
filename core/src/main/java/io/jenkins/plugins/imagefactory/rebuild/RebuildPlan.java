package io.jenkins.plugins.imagefactory.rebuild;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every managed image should do now, and when the planner next has something to do.
 *
 * @param images     verdict per enrollment name
 * @param dispatch   the due images in the order to trigger them (ancestors first)
 * @param nextWakeUp the earliest time a waiting update becomes eligible, or {@code null}: a host
 *                   sets a timer for exactly this instead of polling
 */
public record RebuildPlan(Map<String, PlannedRebuild> images, List<String> dispatch, Instant nextWakeUp) {

    public RebuildPlan {
        images = Map.copyOf(images);
        dispatch = List.copyOf(dispatch);
    }

    public Optional<PlannedRebuild> image(String name) {
        return Optional.ofNullable(images.get(name));
    }
}
