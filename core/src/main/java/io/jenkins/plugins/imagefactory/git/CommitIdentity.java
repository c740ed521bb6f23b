package io.jenkins.plugins.imagefactory.git;

import java.util.Objects;

/**
 * Author and committer of the system's commits.
 *
 * @param name  shown in {@code git log}; no angle brackets or newlines
 * @param email address without angle brackets
 */
public record CommitIdentity(String name, String email) {

    public static final CommitIdentity DEFAULT = new CommitIdentity("Image Factory", "image-factory@localhost");

    public CommitIdentity {
        requireClean("name", name);
        requireClean("email", email);
    }

    private static void requireClean(String what, String value) {
        Objects.requireNonNull(value, what);
        if (value.isBlank() || value.chars().anyMatch(c -> c == '<' || c == '>' || c == '\n' || c == '\r')) {
            throw new IllegalArgumentException(
                    "commit identity " + what + " must be non-blank without '<', '>' or line breaks, got '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return name + " <" + email + ">";
    }
}
