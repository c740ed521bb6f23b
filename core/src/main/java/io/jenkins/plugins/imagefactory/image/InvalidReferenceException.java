package io.jenkins.plugins.imagefactory.image;

/** A string that is not a valid image reference by the distribution reference grammar. */
public final class InvalidReferenceException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String input;

    public InvalidReferenceException(String input, String reason) {
        super("invalid image reference \"" + input + "\": " + reason);
        this.input = input;
    }

    /** The rejected text, as given. */
    public String input() {
        return input;
    }

    /** Why it was rejected, without the reference itself. */
    public String reason() {
        String message = getMessage();
        return message.substring(message.indexOf("\": ") + 3);
    }
}
