package io.jenkins.plugins.imagefactory.jenkins;

import hudson.model.Cause;
import io.jenkins.plugins.imagefactory.state.BuildRecord.BuildCause;
import io.jenkins.plugins.imagefactory.trigger.RebuildContext;

/**
 * Why Image Factory started a build: which enrollment, the idempotency key (how a restarted engine
 * finds this build again instead of starting another), and the base update behind it.
 */
public final class ImageFactoryCause extends Cause {

    private final String image;
    private final String key;
    private final String base;
    private final String digest;
    private final boolean urgent;
    private final String actor;

    public ImageFactoryCause(String image, String key, String base, String digest, boolean urgent, String actor) {
        this.image = image;
        this.key = key;
        this.base = base;
        this.digest = digest;
        this.urgent = urgent;
        this.actor = actor;
    }

    static ImageFactoryCause of(RebuildContext context) {
        BuildCause primary = context.primaryCause();
        return new ImageFactoryCause(context.image(), context.key(), primary == null ? null : primary.base(),
                primary == null ? null : primary.newDigest(), context.urgent(), context.actor());
    }

    /** The enrollment rebuilt. */
    public String getImage() {
        return image;
    }

    public String getKey() {
        return key;
    }

    public String getBase() {
        return base;
    }

    public String getDigest() {
        return digest;
    }

    public boolean isUrgent() {
        return urgent;
    }

    public String getActor() {
        return actor;
    }

    @Override
    public String getShortDescription() {
        String prefix = "Started by Image Factory" + (urgent ? " (urgent)" : "") + ": ";
        if (base != null && digest != null) {
            return prefix + "base " + base + " is now " + shortDigest(digest) + ", rebuilding " + image;
        }
        return prefix + "rebuild of " + image + " requested by " + actor;
    }

    private static String shortDigest(String digest) {
        int colon = digest.indexOf(':');
        int end = Math.min(digest.length(), colon + 1 + 12);
        return colon < 0 ? digest : digest.substring(0, end);
    }
}
