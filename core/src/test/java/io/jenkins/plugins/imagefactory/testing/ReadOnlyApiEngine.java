package io.jenkins.plugins.imagefactory.testing;

import io.jenkins.plugins.imagefactory.api.ApiEngine;
import io.jenkins.plugins.imagefactory.git.PublishResult;
import io.jenkins.plugins.imagefactory.status.StatusView;
import java.util.Optional;

/** An engine that only has a status view: what the read routes' tests need, and a failure for anything else. */
public record ReadOnlyApiEngine(Optional<StatusView> status) implements ApiEngine {

    @Override
    public Optional<String> lastError() {
        return Optional.empty();
    }

    @Override
    public void requestSync(String why) {
    }

    @Override
    public PublishResult requestRebuild(String enrollment, boolean urgent, String reason, String base, String actor) {
        throw new AssertionError("not a write test");
    }
}
