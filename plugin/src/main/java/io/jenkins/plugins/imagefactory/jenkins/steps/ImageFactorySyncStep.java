package io.jenkins.plugins.imagefactory.jenkins.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.Serial;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/** {@code imageFactorySync()}: asks for a sync cycle now; returns at once (the cycle runs on its own thread). */
public final class ImageFactorySyncStep extends Step {

    @DataBoundConstructor
    public ImageFactorySyncStep() {
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context);
    }

    static final class Execution extends SynchronousStepExecution<Void> {
        @Serial
        private static final long serialVersionUID = 1L;

        Execution(StepContext context) {
            super(context);
        }

        @Override
        protected Void run() throws Exception {
            Run<?, ?> run = getContext().get(Run.class);
            StepSupport.configuredService().requestSync(Map.of(), StepSupport.actor(run));
            getContext().get(TaskListener.class).getLogger().println("Image Factory: sync requested");
            return null;
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        @Override
        public String getFunctionName() {
            return "imageFactorySync";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Ask Image Factory for a sync now";
        }
    }
}
