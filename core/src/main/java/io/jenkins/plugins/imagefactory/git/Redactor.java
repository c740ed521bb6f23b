package io.jenkins.plugins.imagefactory.git;

import io.jenkins.plugins.imagefactory.secret.KnownSecrets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Scrubs secrets and URL user-info from messages before they reach an exception or a log.
 * JGit puts the full remote URL, credentials included, into some of its exception messages, so a
 * JGit exception is never passed on as a cause: it is replaced by a {@link RedactedException} copy.
 */
final class Redactor {

    private static final String MASK = "****";

    private final List<String> secrets;

    Redactor(List<String> secrets) {
        // longest first, so a secret that contains another is masked whole
        this.secrets = secrets.stream().filter(Objects::nonNull).filter(s -> s.length() >= 3).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, MASK);
        }
        return KnownSecrets.redact(RemoteUrl.stripUserInfo(result));
    }

    /** A copy of the cause chain with every message redacted and the stack traces kept. */
    Throwable redact(Throwable cause) {
        if (cause == null) {
            return null;
        }
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = cause; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        RedactedException copy = null;
        for (int i = chain.size() - 1; i >= 0; i--) {
            Throwable original = chain.get(i);
            copy = new RedactedException(original.getClass().getName() + ": " + redact(original.getMessage()), copy);
            copy.setStackTrace(original.getStackTrace());
        }
        return copy;
    }

    /** The distinct messages of a cause chain, outermost first, redacted: what actually went wrong. */
    String reason(Throwable cause) {
        List<String> messages = new ArrayList<>();
        List<Throwable> seen = new ArrayList<>();
        for (Throwable t = cause; t != null && !seen.contains(t); t = t.getCause()) {
            seen.add(t);
            String message = t.getMessage();
            if (message != null && !message.isBlank() && messages.stream().noneMatch(m -> m.contains(message))) {
                messages.add(message.strip());
            }
        }
        return redact(messages.isEmpty() ? cause.getClass().getSimpleName() : String.join("; caused by: ", messages));
    }

    /** Stands in for a third-party exception whose message might have held a secret. */
    static final class RedactedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RedactedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
