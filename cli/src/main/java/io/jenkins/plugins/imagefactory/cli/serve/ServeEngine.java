package io.jenkins.plugins.imagefactory.cli.serve;

import io.jenkins.plugins.imagefactory.api.ApiEngine;
import io.jenkins.plugins.imagefactory.git.GitStoreException;
import io.jenkins.plugins.imagefactory.git.PublishResult;
import io.jenkins.plugins.imagefactory.status.StatusView;
import io.jenkins.plugins.imagefactory.sync.ManualActions;
import io.jenkins.plugins.imagefactory.sync.SyncRunner;
import java.util.Map;
import java.util.Optional;

/** The API's view of {@code serve}: the status refreshed after each cycle, its runner and its actions clone. */
final class ServeEngine implements ApiEngine {

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
            return actions.requestRebuild(enrollment, urgent, reason, base, actor);
        }
    }
}
