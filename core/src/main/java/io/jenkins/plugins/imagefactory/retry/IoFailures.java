package io.jenkins.plugins.imagefactory.retry;

import io.jenkins.plugins.imagefactory.secret.KnownSecrets;
import java.io.IOException;

/**
 * What an I/O failure of a network call was, in words: {@code java.net.http} reports a refused
 * connection as a {@code ConnectException} without a message, which printed as "null". A library's
 * message may quote what the server sent, so it is redacted and capped like any quoted answer.
 */
public final class IoFailures {

    private static final int MAX_MESSAGE = 300;

    private IoFailures() {
    }

    /** The first message in the cause chain with its exception's name, or what the exception means. */
    public static String describe(IOException failure) {
        if (failure instanceof java.net.http.HttpTimeoutException) {
            return "timed out (" + failure.getClass().getSimpleName() + ")";
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return KnownSecrets.excerpt(t.getMessage(), MAX_MESSAGE) + " (" + t.getClass().getSimpleName() + ")";
            }
        }
        return failure instanceof java.net.ConnectException
                ? "cannot connect: refused or unreachable (ConnectException)"
                : failure.getClass().getSimpleName();
    }
}
