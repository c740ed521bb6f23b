package io.jenkins.plugins.imagefactory.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.model.listeners.RunListener;

/**
 * Reports the result of every build Image Factory started here as soon as it completes, so the
 * dependents waiting on it move on without waiting for the next poll. The commit and push happen on
 * the service's own thread: a slow or unreachable git server never holds the executor. A run whose
 * Pipeline already reported its result ({@link ResultRecordedByStep}) is not reported twice.
 */
@Extension
public final class ImageFactoryRunListener extends RunListener<Run<?, ?>> {

    @Override
    public void onCompleted(Run<?, ?> run, @NonNull TaskListener listener) {
        ImageFactoryCause cause = run.getCause(ImageFactoryCause.class);
        if (cause == null || ResultRecordedByStep.recorded(run, cause.getImage())) {
            return;
        }
        ImageFactoryService service = ImageFactoryService.get();
        if (!service.isConfigured()) {
            return;
        }
        boolean success = Result.SUCCESS.equals(run.getResult());
        String runUrl = LocalJenkinsJobTrigger.absolute(run.getUrl());
        String actor = "jenkins:" + run.getExternalizableId();
        service.withActionsLater("record the result of " + run.getFullDisplayName() + " for " + cause.getImage(),
                actions -> actions.recordBuild(cause.getImage(), success, null, runUrl, actor),
                "build-finished:" + cause.getImage());
        listener.getLogger().println("Image Factory: reporting " + (success ? "success" : "failure") + " of "
                + cause.getImage() + " to the config repo");
    }
}
