package io.jenkins.plugins.imagefactory.source;

import io.jenkins.plugins.imagefactory.secret.KnownSecrets;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.errors.NotSupportedException;

/**
 * Turns what JGit throws into a failure kind, a retry decision and a message without secrets.
 * JGit reports most transport problems as a {@code TransportException} whose text carries the
 * detail, so after the exception types the text decides.
 */
final class TransportErrors {

    private static final Pattern AUTH_TEXT = Pattern.compile(
            "not authorized|authentication is required|authentication not supported|not permitted"
                    + "|\\b401\\b|\\b403\\b|invalid username or password|bad credentials");
    private static final Pattern SERVER_ERROR_TEXT = Pattern.compile("\\b(5\\d\\d|429)\\b");
    private static final Pattern NETWORK_TEXT = Pattern.compile(
            "connection refused|connection reset|timed out|time out|connection failed|broken pipe"
                    + "|unexpected end of file|premature eof");

    private TransportErrors() {
    }

    /**
     * @param action what was being done, e.g. "list branches of"
     * @param url    the repository URL (redacted here)
     * @param secret a secret value that must not appear in the message, or {@code null}
     */
    static SourceReadException classify(Exception error, String action, String url, String secret) {
        String where = action + " " + RepositoryUrl.redact(url);
        // JGit prefixes its messages with the URL, which the failure already names once
        String detail = scrub(describe(error), secret).replace(RepositoryUrl.redact(url) + ": ", "");
        String text = detail.toLowerCase(Locale.ROOT);

        if (has(error, NoRemoteRepositoryException.class)) {
            return new SourceReadException(SourceFailure.Kind.NO_SUCH_REPOSITORY, false,
                    "cannot " + where + ": no git repository at that URL (or it is hidden from these credentials): "
                            + detail);
        }
        if (has(error, NotSupportedException.class) || error instanceof InvalidRemoteException) {
            return new SourceReadException(SourceFailure.Kind.UNSUPPORTED_URL, false,
                    "cannot " + where + ": not a URL JGit can fetch from (expected https://, file:// or a local path): "
                            + detail);
        }
        if (AUTH_TEXT.matcher(text).find()) {
            return new SourceReadException(SourceFailure.Kind.AUTH, false,
                    "cannot " + where + ": the server refused access; check the credentials reference configured"
                            + " for this URL and that it may read the repository: " + detail);
        }
        if (text.contains("remote does not have")) {
            return new SourceReadException(SourceFailure.Kind.NO_SUCH_BRANCH, false,
                    "cannot " + where + ": the branch disappeared while fetching: " + detail);
        }
        boolean network = has(error, ConnectException.class) || has(error, SocketTimeoutException.class)
                || has(error, UnknownHostException.class) || has(error, NoRouteToHostException.class)
                || NETWORK_TEXT.matcher(text).find() || SERVER_ERROR_TEXT.matcher(text).find();
        // Anything else from the transport is most likely a hiccup too; the retry is bounded either way.
        return new SourceReadException(SourceFailure.Kind.UNREACHABLE, true,
                "cannot " + where + (network ? ": the repository could not be reached: " : ": ") + detail);
    }

    /** The exception chain's messages, redacted of URL user info and the secret value. */
    static String scrub(String text, String secret) {
        String redacted = KnownSecrets.redact(RepositoryUrl.redact(text));
        if (secret != null && !secret.isEmpty()) {
            redacted = redacted.replace(secret, "****");
        }
        return redacted;
    }

    private static String describe(Throwable error) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (out.indexOf(message) < 0) {
                out.append(out.length() == 0 ? "" : " <- ").append(message);
            }
        }
        return out.toString();
    }

    private static boolean has(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
