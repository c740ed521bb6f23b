package io.jenkins.plugins.imagefactory.state;

/** A state file that cannot be read; names the file so a person can fix or remove it. */
public final class StateFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StateFileException(String message) {
        super(message);
    }

    public StateFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
