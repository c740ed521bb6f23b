package io.jenkins.plugins.imagefactory.sync;

import io.jenkins.plugins.imagefactory.config.ConfigError;
import io.jenkins.plugins.imagefactory.git.WriterLease;
import io.jenkins.plugins.imagefactory.rebuild.RebuildPlan;
import io.jenkins.plugins.imagefactory.state.StateSnapshot;
import java.util.List;

/** How a cycle ended. */
public sealed interface SyncResult {

    /**
     * @param summary  what changed
     * @param commits  commit ids pushed (zero for an idle cycle or a dry run, two when rebuilds were dispatched)
     * @param snapshot the state as written (or as it would be written, for a dry run)
     * @param plan     the rebuild plan after this cycle
     */
    record Completed(CycleSummary summary, List<String> commits, StateSnapshot snapshot, RebuildPlan plan)
            implements SyncResult {
        public Completed {
            commits = List.copyOf(commits);
        }
    }

    /**
     * Another instance holds the config repo's writer lease: this one wrote and dispatched
     * nothing. (One writer per config repo; see docs/security.md.)
     */
    record NotWriter(WriterLease lease) implements SyncResult {
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
