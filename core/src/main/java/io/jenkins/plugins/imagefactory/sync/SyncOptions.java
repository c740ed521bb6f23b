package io.jenkins.plugins.imagefactory.sync;

import io.jenkins.plugins.imagefactory.config.ImageFactoryConfig;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.state.DetectedBy;
import java.util.Map;

/**
 * What a cycle is asked to do.
 *
 * @param dryRun write nothing, push nothing, dispatch nothing; report what would change
 * @param hints  references a webhook or a person said changed, checked first this cycle
 * @param actor  who started the cycle ({@code system} for the schedule)
 * @param hintsOnly a quick cycle for registry push hints: check only the hinted references and reuse
 *               the last discoveries (no source fetch); the periodic and git-push cycles do the rest
 * @param lastGoodConfig the config a long-running host last ran on: when the config repo's config is
 *               invalid, the cycle runs on this one (and says so) instead of stopping; {@code null} stops
 */
public record SyncOptions(boolean dryRun, Map<ImageReference, DetectedBy> hints, String actor, boolean hintsOnly,
                          ImageFactoryConfig lastGoodConfig) {

    public SyncOptions {
        hints = Map.copyOf(hints);
    }

    public SyncOptions(boolean dryRun, Map<ImageReference, DetectedBy> hints, String actor, boolean hintsOnly) {
        this(dryRun, hints, actor, hintsOnly, null);
    }

    public SyncOptions(boolean dryRun, Map<ImageReference, DetectedBy> hints, String actor) {
        this(dryRun, hints, actor, false);
    }

    public static SyncOptions scheduled() {
        return new SyncOptions(false, Map.of(), "system");
    }

    public SyncOptions withDryRun(boolean value) {
        return new SyncOptions(value, hints, actor, hintsOnly, lastGoodConfig);
    }
}
