package io.jenkins.plugins.imagefactory.jenkins.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.imagefactory.git.PublishResult;
import io.jenkins.plugins.imagefactory.jenkins.ImageFactoryService;
import io.jenkins.plugins.imagefactory.jenkins.LocalJenkinsJobTrigger;
import io.jenkins.plugins.imagefactory.jenkins.ResultRecordedByStep;
import java.io.Serial;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code imageFactoryRecordBuild(name: 'app', result: 'SUCCESS', digest: 'sha256:…')}: a build
 * reports its own result (and the digest it pushed), committed to the config repo at once; dependents
 * waiting on it move on in the next cycle, which this step asks for.
 */
public final class ImageFactoryRecordBuildStep extends Step {

    static final List<String> RESULTS = List.of("SUCCESS", "UNSTABLE", "FAILURE", "ABORTED", "NOT_BUILT");

    private final String name;
    private String result = "SUCCESS";
    private String digest;

    @DataBoundConstructor
    public ImageFactoryRecordBuildStep(String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public String getResult() {
        return result;
    }

    @DataBoundSetter
    public void setResult(String result) {
        this.result = result == null || result.isBlank() ? "SUCCESS" : result.trim().toUpperCase(Locale.ROOT);
    }

    public String getDigest() {
        return digest;
    }

    @DataBoundSetter
    public void setDigest(String digest) {
        this.digest = digest == null || digest.isBlank() ? null : digest.trim();
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, name == null ? null : name.trim(), result, digest);
    }

    static final class Execution extends RerunAfterRestartExecution<Void> {
        @Serial
        private static final long serialVersionUID = 2L;
        private final String name;
        private final String result;
        private final String digest;

        Execution(StepContext context, String name, String result, String digest) {
            super(context);
            this.name = name;
            this.result = result;
            this.digest = digest;
        }

        @Override
        protected String name() {
            return "imageFactoryRecordBuild";
        }

        @Override
        protected void decide() throws Exception {
            if (name == null || name.isBlank()) {
                throw new AbortException("imageFactoryRecordBuild: name (the enrollment name) is required");
            }
            if (!RESULTS.contains(result)) {
                throw new AbortException("imageFactoryRecordBuild: result \"" + result + "\" is not one of "
                        + String.join(", ", RESULTS));
            }
            Run<?, ?> run = getContext().get(Run.class);
            ImageFactoryService service = StepSupport.configuredService();
            // A result moves the image's state and unblocks its dependents: only its own build job may
            // report it, or a build trusted to act for any image.
            if (!StepSupport.isBuildJobOf(run, name, service) && !StepSupport.mayActForAnyImage(run)) {
                throw new AbortException("imageFactoryRecordBuild: " + run.getParent().getFullName()
                        + " is not the build job of " + name + " (its build.jenkins.job), and "
                        + StepSupport.whyNotTrusted(run));
            }
        }

        @Override
        protected Void run() throws Exception {
            Run<?, ?> run = getContext().get(Run.class);
            TaskListener listener = getContext().get(TaskListener.class);
            ImageFactoryService service = StepSupport.configuredService();
            boolean success = "SUCCESS".equals(result);
            String runUrl = LocalJenkinsJobTrigger.absolute(run.getUrl());
            PublishResult published;
            try {
                published = service.withActions(actions -> actions.recordBuild(name, success, digest, runUrl,
                        StepSupport.actor(run)));
            } catch (IllegalArgumentException e) {
                throw new AbortException("imageFactoryRecordBuild: " + e.getMessage());
            }
            run.addOrReplaceAction(new ResultRecordedByStep(name));
            service.requestSync(Map.of(), StepSupport.actor(run));
            listener.getLogger().println("Image Factory: recorded " + result + " of " + name
                    + (published instanceof PublishResult.Published p ? " (commit " + p.commitId().substring(0, 12) + ")"
                            : " (already recorded)"));
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
            return "imageFactoryRecordBuild";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Report an image build's result to Image Factory";
        }

        public ListBoxModel doFillResultItems() {
            ListBoxModel items = new ListBoxModel();
            RESULTS.forEach(items::add);
            return items;
        }
    }
}
