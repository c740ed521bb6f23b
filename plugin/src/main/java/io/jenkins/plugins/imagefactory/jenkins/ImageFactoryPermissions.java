package io.jenkins.plugins.imagefactory.jenkins;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.security.Permission;
import hudson.security.PermissionGroup;
import hudson.security.PermissionScope;
import jenkins.model.Jenkins;

/**
 * The "Image Factory" permission group (id {@code ImageFactory}; in configuration as code and
 * matrix-auth the permissions are {@code ImageFactory/Rebuild} and {@code ImageFactory/View}).
 * Overall/Read shows the dashboard; {@link #VIEW} the registry tags and build runs fetched with the
 * controller's credentials; {@link #REBUILD} (implies View, implied by Overall/Administer) manual and
 * urgent rebuilds and re-runs.
 */
public final class ImageFactoryPermissions {

    public static final PermissionGroup GROUP = new PermissionGroup("ImageFactory", ImageFactoryPermissions.class,
            Messages._ImageFactoryPermissions_GroupTitle());

    public static final Permission REBUILD = new Permission(GROUP, "Rebuild",
            Messages._ImageFactoryPermissions_RebuildDescription(), Jenkins.ADMINISTER, PermissionScope.JENKINS);

    public static final Permission VIEW = new Permission(GROUP, "View",
            Messages._ImageFactoryPermissions_ViewDescription(), REBUILD, PermissionScope.JENKINS);

    private ImageFactoryPermissions() {
    }

    /**
     * Loads this class while Jenkins starts, so that an authorization strategy configured at
     * startup (JCasC, matrix-auth) already knows the permissions; otherwise they exist only once
     * something happened to touch this class.
     */
    @SuppressFBWarnings(value = "RV_RETURN_VALUE_IGNORED_NO_SIDE_EFFECT", justification = "only class initialisation matters")
    @Initializer(after = InitMilestone.PLUGINS_STARTED, before = InitMilestone.EXTENSIONS_AUGMENTED)
    public static void ensurePermissionsRegistered() {
        VIEW.getEnabled();
    }
}
