package io.jenkins.plugins.imagefactory.jenkins.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.imagefactory.graph.Dependent;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.image.InvalidReferenceException;
import io.jenkins.plugins.imagefactory.jenkins.ImageFactoryService;
import io.jenkins.plugins.imagefactory.state.DetectedBy;
import io.jenkins.plugins.imagefactory.status.StatusView;
import java.io.Serial;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code imageFactoryNotify(image: 'registry/repo:tag', digest: '…', urgent: false, reason: '…')}: an
 * internal base image's pipeline says "I just pushed this". The engine checks the tag's digest itself
 * (the claimed digest is only logged) and queues the delayed rebuilds of its dependents; {@code urgent}
 * asks for an immediate rebuild of every direct dependent and needs a reason. The step returns the
 * enrollment names an urgent rebuild was requested for (empty otherwise).
 */
public final class ImageFactoryNotifyStep extends Step {

    private final String image;
    private String digest;
    private boolean urgent;
    private String reason;

    @DataBoundConstructor
    public ImageFactoryNotifyStep(String image) {
        this.image = image;
    }

    public String getImage() {
        return image;
    }

    public String getDigest() {
        return digest;
    }

    @DataBoundSetter
    public void setDigest(String digest) {
        this.digest = digest == null || digest.isBlank() ? null : digest.trim();
    }

    public boolean isUrgent() {
        return urgent;
    }

    @DataBoundSetter
    public void setUrgent(boolean urgent) {
        this.urgent = urgent;
    }

    public String getReason() {
        return reason;
    }

    @DataBoundSetter
    public void setReason(String reason) {
        this.reason = reason == null || reason.isBlank() ? null : reason.trim();
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, image, digest, urgent, reason);
    }

    static final class Execution extends RerunAfterRestartExecution<List<String>> {
        @Serial
        private static final long serialVersionUID = 2L;
        private final String image;
        private final String digest;
        private final boolean urgent;
        private final String reason;
        /** Decided at the start, with the build's authentication: whom an urgent rebuild is requested for. */
        private final ArrayList<String> urgentRebuilds = new ArrayList<>();
        private String canonical;

        Execution(StepContext context, String image, String digest, boolean urgent, String reason) {
            super(context);
            this.image = image;
            this.digest = digest;
            this.urgent = urgent;
            this.reason = reason;
        }

        @Override
        protected String name() {
            return "imageFactoryNotify";
        }

        @Override
        protected void decide() throws Exception {
            ImageReference reference = parse(image);
            canonical = reference.canonical();
            if (urgent && reason == null) {
                throw new AbortException("imageFactoryNotify: urgent: true needs a reason, e.g. the CVE id");
            }
            ImageFactoryService service = StepSupport.configuredService();
            if (!urgent) {
                return;
            }
            Run<?, ?> run = getContext().get(Run.class);
            if (!StepSupport.mayActForAnyImage(run)) {
                throw new AbortException("imageFactoryNotify: urgent: true rebuilds other teams' images at once, and "
                        + StepSupport.whyNotTrusted(run) + "; without urgent the dependents are rebuilt after their delay");
            }
            StatusView view = service.status().orElseThrow(() -> new AbortException(
                    "imageFactoryNotify: Image Factory has not finished its first sync yet, so it does not know "
                            + "the dependents of " + canonical + "; try again shortly"));
            for (Dependent dependent : view.reader().graph().directDependents(reference)) {
                if (!dependent.pinned() && !urgentRebuilds.contains(dependent.name())) {
                    urgentRebuilds.add(dependent.name());
                }
            }
        }

        @Override
        protected List<String> run() throws Exception {
            Run<?, ?> run = getContext().get(Run.class);
            TaskListener listener = getContext().get(TaskListener.class);
            String actor = StepSupport.actor(run);
            ImageFactoryService service = StepSupport.configuredService();
            for (String name : urgentRebuilds) {
                service.withActions(actions -> actions.requestRebuild(name, true, reason, canonical, actor));
            }
            service.requestSync(Map.of(ImageReference.parse(canonical), DetectedBy.MANUAL), actor);
            listener.getLogger().println("Image Factory: digest check of " + canonical + " requested"
                    + (digest == null ? "" : " (pushed " + digest + ")")
                    + (urgent ? "; urgent rebuild of " + (urgentRebuilds.isEmpty() ? "no dependents"
                            : String.join(", ", urgentRebuilds)) + " requested" : ""));
            return new ArrayList<>(urgentRebuilds);
        }

        private static ImageReference parse(String image) throws AbortException {
            if (image == null || image.isBlank()) {
                throw new AbortException("imageFactoryNotify: image is required, e.g. image: 'registry.example.com/base/jdk:21'");
            }
            try {
                return ImageReference.parse(image.trim()).withoutDigest();
            } catch (InvalidReferenceException e) {
                throw new AbortException("imageFactoryNotify: image \"" + image + "\" is not an image reference: "
                        + e.getMessage());
            }
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
            return "imageFactoryNotify";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Tell Image Factory a base image was pushed";
        }
    }
}
