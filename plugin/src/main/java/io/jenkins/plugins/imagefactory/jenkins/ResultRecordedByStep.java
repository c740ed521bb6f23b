package io.jenkins.plugins.imagefactory.jenkins;

import hudson.model.InvisibleAction;
import hudson.model.Run;

/**
 * Marks a run whose Pipeline already reported its image's result with {@code imageFactoryRecordBuild}
 * (with the digest it pushed), so that {@link ImageFactoryRunListener} does not report it again.
 */
public final class ResultRecordedByStep extends InvisibleAction {

    private final String image;

    public ResultRecordedByStep(String image) {
        this.image = image;
    }

    public String getImage() {
        return image;
    }

    /** Whether {@code run}'s Pipeline reported the result of enrollment {@code image} itself. */
    public static boolean recorded(Run<?, ?> run, String image) {
        return run.getActions(ResultRecordedByStep.class).stream().anyMatch(action -> image.equals(action.getImage()));
    }
}
