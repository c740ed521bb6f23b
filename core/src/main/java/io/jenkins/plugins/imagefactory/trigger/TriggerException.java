package io.jenkins.plugins.imagefactory.trigger;

/**
 * A build system refused or failed a request. The message carries the build system's own answer
 * (status and body excerpt) and what to do about it, never a credential.
 */
public final class TriggerException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean transientFailure;

    public TriggerException(String message, boolean transientFailure) {
        super(message);
        this.transientFailure = transientFailure;
    }

    public TriggerException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    /** Whether trying again later may succeed (5xx, 429, timeouts) as opposed to a configuration error. */
    public boolean isTransient() {
        return transientFailure;
    }
}
