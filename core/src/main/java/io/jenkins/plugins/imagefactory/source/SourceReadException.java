package io.jenkins.plugins.imagefactory.source;

/** A classified failure inside one repository's read; becomes {@link SourceFailure}s at the edge. */
final class SourceReadException extends Exception {

    private final SourceFailure.Kind kind;
    private final boolean transientFailure;

    SourceReadException(SourceFailure.Kind kind, boolean transientFailure, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.transientFailure = transientFailure;
    }

    SourceFailure.Kind kind() {
        return kind;
    }

    /** Worth another attempt right away: the network or the server hiccuped. */
    boolean isTransient() {
        return transientFailure;
    }
}
