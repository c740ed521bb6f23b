package io.jenkins.plugins.imagefactory.webhook;

/** A payload the receiver cannot read; its message says what was wrong and where. Never escapes the receiver. */
final class PayloadException extends Exception {
    private static final long serialVersionUID = 1L;

    PayloadException(String message) {
        super(message, null, false, false);
    }
}
