package io.jenkins.plugins.imagefactory.dockerfile;

/** A Dockerfile that cannot be analysed; the message starts with {@code line N:}. */
public final class DockerfileException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int line;

    public DockerfileException(int line, String message) {
        super("line " + line + ": " + message);
        this.line = line;
    }

    /** 1-based line of the offending instruction. */
    public int line() {
        return line;
    }
}
