package io.jenkins.plugins.imagefactory.secret;

import java.util.Objects;

/**
 * A resolved secret: a token, or a username with a password/token. Its {@link #toString()} never
 * shows the value, so it can pass through logs and exception messages safely.
 *
 * @param username the user name for basic-style auth, or {@code null} for a bare token
 * @param value    the password or token
 */
public record Secret(String username, String value) {

    public Secret {
        Objects.requireNonNull(value, "value");
        // every resolved secret is known to the one redaction all quoted answers and records go through
        KnownSecrets.remember(username, value);
    }

    public static Secret token(String value) {
        return new Secret(null, value);
    }

    public static Secret usernamePassword(String username, String password) {
        return new Secret(Objects.requireNonNull(username, "username"), password);
    }

    public boolean hasUsername() {
        return username != null && !username.isEmpty();
    }

    @Override
    public String toString() {
        return hasUsername() ? "Secret[username=" + username + ", value=****]" : "Secret[****]";
    }
}
