package io.jenkins.plugins.imagefactory.jenkins.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import io.jenkins.plugins.imagefactory.status.StatusView;
import java.io.Serial;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code imageFactoryStatus(name: 'app')}: the image's detail as the JSON API shows it
 * ({@code summary}, {@code status}, {@code history}, {@code builds}), as a map; without a name,
 * {@code [images: [rows…]]}. Reads the last sync's view; never touches the network.
 */
public final class ImageFactoryStatusStep extends Step {

    private String name;

    @DataBoundConstructor
    public ImageFactoryStatusStep() {
    }

    public String getName() {
        return name;
    }

    @DataBoundSetter
    public void setName(String name) {
        this.name = name == null || name.isBlank() ? null : name.trim();
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, name);
    }

    static final class Execution extends SynchronousStepExecution<Map<String, Object>> {
        @Serial
        private static final long serialVersionUID = 1L;
        private final String name;

        Execution(StepContext context, String name) {
            super(context);
            this.name = name;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            StatusView view = StepSupport.configuredService().status().orElseThrow(() -> new AbortException(
                    "imageFactoryStatus: Image Factory has not finished its first sync yet"));
            if (name == null) {
                List<Map<String, Object>> rows = view.rows().stream().map(StepSupport::plain).toList();
                Map<String, Object> all = new LinkedHashMap<>();
                all.put("images", new java.util.ArrayList<>(rows));
                return all;
            }
            return view.detail(name).map(StepSupport::plain).orElseThrow(() -> new AbortException(
                    "imageFactoryStatus: no tracked image \"" + name + "\"; use an enrollment name or a full reference"));
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of();
        }

        @Override
        public String getFunctionName() {
            return "imageFactoryStatus";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Read an image's Image Factory status";
        }
    }
}
