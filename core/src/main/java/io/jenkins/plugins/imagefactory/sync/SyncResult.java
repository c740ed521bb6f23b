package io.jenkins.plugins.imagefactory.sync;

import io.jenkins.plugins.imagefactory.config.ConfigError;
import io.jenkins.plugins.imagefactory.config.ImageFactoryConfig;
import io.jenkins.plugins.imagefactory.git.WriterLease;
import io.jenkins.plugins.imagefactory.rebuild.RebuildPlan;
import io.jenkins.plugins.imagefactory.state.StateSnapshot;
import java.util.List;

/** How a cycle ended. */
public sealed interface SyncResult {

    /**
     * @param summary            what changed
     * @param commits            commit ids pushed (zero for an idle cycle or a dry run, two when rebuilds were dispatched)
     * @param snapshot           the state as written (or as it would be written, for a dry run), with every event
     *                           of the cycle
     * @param plan               the rebuild plan after this cycle
     * @param config             the config the cycle ran on
     * @param configErrors       when the config repo's config is invalid and the cycle ran on the last good one
     *                           instead: what is wrong with it; else empty
     * @param missingCredentials credentials references the config names that this host cannot resolve, each with
     *                           where it is used and how to define it
     */
    record Completed(CycleSummary summary, List<String> commits, StateSnapshot snapshot, RebuildPlan plan,
                     ImageFactoryConfig config, List<ConfigError> configErrors, List<String> missingCredentials)
            implements SyncResult {
        public Completed {
            commits = List.copyOf(commits);
            configErrors = configErrors == null ? List.of() : List.copyOf(configErrors);
            missingCredentials = missingCredentials == null ? List.of() : List.copyOf(missingCredentials);
        }

        public Completed(CycleSummary summary, List<String> commits, StateSnapshot snapshot, RebuildPlan plan) {
            this(summary, commits, snapshot, plan, null, List.of(), List.of());
        }

        /** Event kinds that mean this cycle failed at something: a dispatch, or a new check or discovery error. */
        public static final java.util.Set<String> FAILURE_EVENTS = java.util.Set.of("rebuild-trigger-error",
                "rebuild-trigger-failed", "check-error", "discovery-error");

        /** What went wrong this cycle: each rebuild that could not be dispatched, each new error. */
        public List<io.jenkins.plugins.imagefactory.state.Event> failures() {
            return snapshot.events().stream().filter(e -> FAILURE_EVENTS.contains(e.kind())).toList();
        }

        /** Whether anything is wrong that a person must fix: an invalid config, an unset credentials reference. */
        public boolean hasProblems() {
            return !configErrors.isEmpty() || !missingCredentials.isEmpty();
        }
    }

    /**
     * Another instance holds the config repo's writer lease: this one wrote and dispatched
     * nothing. (One writer per config repo; see docs/security.md.) The config was read and checked
     * before the lease was asked for, so a standby still knows what is wrong with it.
     *
     * @param configErrors       what is wrong with the config repo's config now (empty when valid)
     * @param missingCredentials credentials references the config names that this host cannot resolve
     */
    record NotWriter(WriterLease lease, List<ConfigError> configErrors, List<String> missingCredentials)
            implements SyncResult {
        public NotWriter {
            configErrors = List.copyOf(configErrors);
            missingCredentials = List.copyOf(missingCredentials);
        }

        public NotWriter(WriterLease lease) {
            this(lease, List.of(), List.of());
        }

        public String message() {
            return "config repo is written by " + lease.holder() + " until " + lease.expiresAt()
                    + "; this instance wrote and dispatched nothing";
        }
    }

    /** The config is invalid: nothing was written or dispatched. */
    record InvalidConfig(List<ConfigError> errors) implements SyncResult {
        public InvalidConfig {
            errors = List.copyOf(errors);
        }
    }
}
