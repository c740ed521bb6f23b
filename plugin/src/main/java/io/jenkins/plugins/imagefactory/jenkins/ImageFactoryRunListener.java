package io.jenkins.plugins.imagefactory.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.model.listeners.RunListener;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records the result of every build Image Factory started here as soon as it completes, so the
 * dependents waiting on it move on without waiting for the next poll, and asks for a cycle to act on it.
 */
@Extension
public final class ImageFactoryRunListener extends RunListener<Run<?, ?>> {

    private static final Logger LOG = Logger.getLogger(ImageFactoryRunListener.class.getName());

    @Override
    public void onCompleted(Run<?, ?> run, @NonNull TaskListener listener) {
        ImageFactoryCause cause = run.getCause(ImageFactoryCause.class);
        if (cause == null) {
            return;
        }
        ImageFactoryService service = ImageFactoryService.get();
        if (!service.isConfigured()) {
            return;
        }
        boolean success = Result.SUCCESS.equals(run.getResult());
        String runUrl = LocalJenkinsJobTrigger.absolute(run.getUrl());
        try {
            service.withActions(actions -> actions.recordBuild(cause.getImage(), success, null, runUrl,
                    "jenkins:" + run.getExternalizableId()));
            listener.getLogger().println("Image Factory: recorded " + (success ? "success" : "failure") + " of "
                    + cause.getImage());
            service.requestSync(Map.of(), "build-finished:" + cause.getImage());
        } catch (RuntimeException e) {
            // The engine's poll of this build records it anyway; a failure here must not fail the build.
            LOG.log(Level.WARNING, "Image Factory could not record the result of " + run.getFullDisplayName()
                    + " for " + cause.getImage() + "; the next sync will poll it", e);
            listener.getLogger().println("Image Factory: could not record the result now (" + e.getMessage()
                    + "); the next sync will pick it up");
        }
    }
}
