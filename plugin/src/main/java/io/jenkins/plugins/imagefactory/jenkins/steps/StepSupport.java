package io.jenkins.plugins.imagefactory.jenkins.steps;

import hudson.AbortException;
import hudson.model.Run;
import hudson.security.ACL;
import io.jenkins.plugins.imagefactory.config.BuildSpec;
import io.jenkins.plugins.imagefactory.jenkins.ImageFactoryConfiguration;
import io.jenkins.plugins.imagefactory.jenkins.ImageFactoryPermissions;
import io.jenkins.plugins.imagefactory.jenkins.ImageFactoryService;
import io.jenkins.plugins.imagefactory.state.StateMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import jenkins.model.Jenkins;
import org.springframework.security.core.Authentication;

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
     * Whether {@code run} may act for images other than its own (report their results, ask for urgent
     * rebuilds): a job an administrator listed as trusted, or a build whose authentication has Image
     * Factory/Rebuild. SYSTEM is not a user: builds run as SYSTEM unless an authorization plugin (e.g.
     * Authorize Project) gives them one, so SYSTEM counts only when an administrator opted in.
     * Called with the build's authentication in effect (a step's start).
     */
    static boolean mayActForAnyImage(Run<?, ?> run) {
        ImageFactoryConfiguration.Values settings = ImageFactoryConfiguration.get().values();
        if (settings.trustedJobs().contains(run.getParent().getFullName())) {
            return true;
        }
        Authentication authentication = Jenkins.getAuthentication2();
        if (ACL.SYSTEM2.equals(authentication)) {
            return settings.trustSystemBuilds();
        }
        return Jenkins.get().getACL().hasPermission2(authentication, ImageFactoryPermissions.REBUILD);
    }

    /** Why a build may not act for other images, for the step's error. */
    static String whyNotTrusted(Run<?, ?> run) {
        Authentication authentication = Jenkins.getAuthentication2();
        return ACL.SYSTEM2.equals(authentication)
                ? "this build runs as SYSTEM, which Image Factory does not trust unless an administrator lists the job "
                        + run.getParent().getFullName() + " under \"Jobs that may act for any image\" or trusts builds "
                        + "running as SYSTEM (Manage Jenkins > System > Image Factory)"
                : "this build runs as " + authentication.getName() + ", who lacks Image Factory/Rebuild, and the job "
                        + run.getParent().getFullName() + " is not listed under \"Jobs that may act for any image\"";
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
