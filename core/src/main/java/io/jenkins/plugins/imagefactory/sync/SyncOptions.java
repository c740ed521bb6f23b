package io.jenkins.plugins.imagefactory.sync;

import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.state.DetectedBy;
import java.util.Map;

/**
 * What a cycle is asked to do.
 *
 * @param dryRun write nothing, push nothing, dispatch nothing; report what would change
 * @param hints  references a webhook or a person said changed, checked first this cycle
 * @param actor  who started the cycle ({@code system} for the schedule)
 */
public record SyncOptions(boolean dryRun, Map<ImageReference, DetectedBy> hints, String actor) {

    public SyncOptions {
        hints = Map.copyOf(hints);
    }

    public static SyncOptions scheduled() {
        return new SyncOptions(false, Map.of(), "system");
    }

    public SyncOptions withDryRun(boolean value) {
        return new SyncOptions(value, hints, actor);
    }
}
