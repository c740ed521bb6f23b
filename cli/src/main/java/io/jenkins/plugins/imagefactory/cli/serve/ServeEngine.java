package io.jenkins.plugins.imagefactory.cli.serve;

import io.jenkins.plugins.imagefactory.api.ApiEngine;
import io.jenkins.plugins.imagefactory.git.GitStoreException;
import io.jenkins.plugins.imagefactory.git.PublishResult;
import io.jenkins.plugins.imagefactory.rebuild.BuildReport;
import io.jenkins.plugins.imagefactory.status.StatusView;
import io.jenkins.plugins.imagefactory.sync.ManualActions;
import io.jenkins.plugins.imagefactory.sync.SyncRunner;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The API's view of {@code serve}: the status refreshed after each cycle, its runner and its actions clone. */
final class ServeEngine implements ApiEngine {

    private static final Logger LOG = LoggerFactory.getLogger(ServeEngine.class);

    private final CurrentStatus status;
    private final SyncRunner runner;
    private final ManualActions actions;
    /** The actions' repository has one writer at a time; the sync thread has its own clone. */
    private final Object writeLock = new Object();

    ServeEngine(CurrentStatus status, SyncRunner runner, ManualActions actions) {
        this.status = status;
        this.runner = runner;
        this.actions = actions;
    }

    @Override
    public Optional<StatusView> status() {
        return status.get();
    }

    @Override
    public Optional<String> lastError() {
        return runner.lastError();
    }

    @Override
    public void requestSync(String why) {
        runner.request(Map.of(), why);
    }

    @Override
    public PublishResult requestRebuild(String enrollment, boolean urgent, String reason, String base, String actor)
            throws GitStoreException {
        synchronized (writeLock) {
            PublishResult result = actions.requestRebuild(enrollment, urgent, reason, base, actor);
            logCommit(result, (urgent ? "urgent " : "") + "rebuild of " + enrollment + " requested by " + actor);
            return result;
        }
    }

    @Override
    public ManualActions.ReportOutcome recordBuild(String enrollment, BuildReport report) throws GitStoreException {
        synchronized (writeLock) {
            ManualActions.ReportOutcome outcome = actions.recordBuild(enrollment, report);
            if (outcome.recorded()) {
                logCommit(outcome.published(), outcome.message() + " (reported by " + report.actor() + ")");
            } else {
                LOG.info("build result for {} not recorded: {}", enrollment, outcome.message());
            }
            return outcome;
        }
    }

    private static void logCommit(PublishResult result, String what) {
        if (result instanceof PublishResult.Published published) {
            LOG.info("commit {}: {}", published.commitId().substring(0, 12), what);
        }
    }
}
