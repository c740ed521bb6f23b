package io.jenkins.plugins.imagefactory.rebuild;

/**
 * A reported result names no build of the image, or not its current one: the report is fine, the
 * image's state says it belongs elsewhere (HTTP 409, not 400).
 */
public final class NotCurrentBuildException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public NotCurrentBuildException(String message) {
        super(message);
    }
}
