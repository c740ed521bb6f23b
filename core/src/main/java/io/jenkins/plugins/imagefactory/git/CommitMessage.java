package io.jenkins.plugins.imagefactory.git;

import io.jenkins.plugins.imagefactory.secret.KnownSecrets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The message of one publish commit: a one-line subject and a body listing the items it records.
 *
 * @param subject one line, e.g. {@code image-factory: 2 base updates, 1 rebuild queued}
 * @param items   one line each, rendered as a {@code - } list in the body; may be empty
 */
public record CommitMessage(String subject, List<String> items) {

    /** Prefix of every subject the builder makes, so the system's commits are easy to filter. */
    public static final String PREFIX = "image-factory: ";

    public CommitMessage {
        Objects.requireNonNull(subject, "subject");
        if (subject.isBlank() || subject.contains("\n") || subject.contains("\r")) {
            throw new IllegalArgumentException("commit subject must be one non-blank line, got '" + subject + "'");
        }
        items = List.copyOf(items);
        for (String item : items) {
            if (item.isBlank() || item.contains("\n") || item.contains("\r")) {
                throw new IllegalArgumentException("commit body item must be one non-blank line, got '" + item + "'");
            }
        }
    }

    public static CommitMessage of(String subject, List<String> items) {
        return new CommitMessage(subject, items);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The full text git stores: subject, blank line, one {@code - item} per line. */
    public String render() {
        StringBuilder text = new StringBuilder(KnownSecrets.redact(subject)).append('\n');
        if (!items.isEmpty()) {
            text.append('\n');
            items.forEach(item -> text.append("- ").append(KnownSecrets.redact(item)).append('\n'));
        }
        return text.toString();
    }

    /** Builds subjects like {@code image-factory: 2 base updates, 1 rebuild queued}, skipping zero counts. */
    public static final class Builder {
        private final List<String> counts = new ArrayList<>();
        private final List<String> items = new ArrayList<>();

        private Builder() {
        }

        public Builder count(int count, String singular, String plural) {
            if (count < 0) {
                throw new IllegalArgumentException("count of '" + plural + "' must not be negative, got " + count);
            }
            if (count > 0) {
                counts.add(count + " " + (count == 1 ? singular : plural));
            }
            return this;
        }

        public Builder item(String item) {
            items.add(item);
            return this;
        }

        /** {@code fallback} is the subject when every count was zero (e.g. {@code catalog refreshed}). */
        public CommitMessage build(String fallback) {
            return new CommitMessage(PREFIX + (counts.isEmpty() ? fallback : String.join(", ", counts)), items);
        }
    }
}
