package io.jenkins.plugins.imagefactory.jenkins;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.security.Permission;
import hudson.security.PermissionGroup;
import hudson.security.PermissionScope;
import jenkins.model.Jenkins;
import org.jvnet.localizer.Localizable;
import org.jvnet.localizer.ResourceBundleHolder;

/**
 * The "Image Factory" permission group. Reading the dashboard needs Overall/Read; asking for
 * manual or urgent rebuilds and re-runs needs {@link #REBUILD} (implied by Overall/Administer).
 */
public final class ImageFactoryPermissions {

    private static final ResourceBundleHolder MESSAGES = ResourceBundleHolder.get(ImageFactoryPermissions.class);

    public static final PermissionGroup GROUP = new PermissionGroup(ImageFactoryPermissions.class,
            new Localizable(MESSAGES, "GroupTitle"));

    public static final Permission REBUILD = new Permission(GROUP, "Rebuild",
            new Localizable(MESSAGES, "RebuildDescription"), Jenkins.ADMINISTER, PermissionScope.JENKINS);

    private ImageFactoryPermissions() {
    }

    /**
     * Loads this class while Jenkins starts, so that an authorization strategy configured at
     * startup (JCasC, matrix-auth) already knows "ImageFactory/Rebuild"; otherwise the permission
     * exists only once something happened to touch this class.
     */
    @SuppressFBWarnings(value = "RV_RETURN_VALUE_IGNORED_NO_SIDE_EFFECT", justification = "only class initialisation matters")
    @Initializer(after = InitMilestone.PLUGINS_STARTED, before = InitMilestone.EXTENSIONS_AUGMENTED)
    public static void ensurePermissionsRegistered() {
        REBUILD.getEnabled();
    }
}
