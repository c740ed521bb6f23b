package io.jenkins.plugins.imagefactory.cli.serve;

import io.jenkins.plugins.imagefactory.status.RunSource;
import io.jenkins.plugins.imagefactory.status.TagSource;
import io.jenkins.plugins.imagefactory.sync.ManualActions;
import io.jenkins.plugins.imagefactory.sync.SyncRunner;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * The core objects the server translates HTTP into calls of.
 *
 * @param runner   runs the cycles; the server closes it on shutdown
 * @param workTree the sync repository's work tree, re-read into the status view after each cycle
 * @param actions  manual actions on a clone of their own (never the sync thread's work tree)
 * @param tags     registry tags for {@code /tags}
 * @param runs     build runs for {@code /runs} and re-runs
 * @param clock    now
 */
public record ServeServices(SyncRunner runner, Path workTree, ManualActions actions, TagSource tags, RunSource runs,
                            Clock clock) {

    public ServeServices {
        Objects.requireNonNull(runner, "runner");
        Objects.requireNonNull(workTree, "workTree");
        Objects.requireNonNull(actions, "actions");
        Objects.requireNonNull(tags, "tags");
        Objects.requireNonNull(runs, "runs");
        Objects.requireNonNull(clock, "clock");
    }
}
