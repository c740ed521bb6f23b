package io.jenkins.plugins.imagefactory.jenkins;

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
}
