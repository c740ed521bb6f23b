package io.jenkins.plugins.imagefactory.jenkins.steps;

import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.imagefactory.config.BuildSpec;
import io.jenkins.plugins.imagefactory.jenkins.ImageFactoryPermissions;
import io.jenkins.plugins.imagefactory.jenkins.ImageFactoryService;
import io.jenkins.plugins.imagefactory.state.StateMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import jenkins.model.Jenkins;

/** What every Image Factory step needs: the service, a configured one, and who is asking. */
final class StepSupport {

    private StepSupport() {
    }

    static ImageFactoryService configuredService() throws AbortException {
        ImageFactoryService service = ImageFactoryService.get();
        if (!service.isConfigured()) {
            throw new AbortException("Image Factory has no config repo on this controller: set one under "
                    + "Manage Jenkins > System > Image Factory");
        }
        return service;
    }

    /**
     * Whether the build may act for images other than its own: Image Factory/Rebuild for the build's
     * authentication (SYSTEM unless the controller sets one, e.g. with Authorize Project).
     */
    static boolean mayActForOtherImages() {
        return Jenkins.get().hasPermission(ImageFactoryPermissions.REBUILD);
    }

    /** Whether {@code run} belongs to the job that enrollment {@code name} is built by ({@code build.jenkins.job}). */
    static boolean isBuildJobOf(Run<?, ?> run, String name, ImageFactoryService service) {
        return service.status().flatMap(view -> view.config().enrollment(name))
                .map(enrollment -> enrollment.build() instanceof BuildSpec.Jenkins jenkins
                        && jenkins.job().equals(run.getParent().getFullName()))
                .orElse(false);
    }

    /** The audit log's actor: the pipeline run, e.g. {@code pipeline:folder/base-image#12}. */
    static String actor(Run<?, ?> run) {
        return "pipeline:" + run.getExternalizableId();
    }

    /**
     * A core record as plain maps, lists, strings, numbers and booleans (timestamps as ISO-8601
     * strings): what a CPS-transformed script can hold across a restart.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> plain(Object record) {
        return new LinkedHashMap<>(StateMapper.json().convertValue(record, Map.class));
    }
}
