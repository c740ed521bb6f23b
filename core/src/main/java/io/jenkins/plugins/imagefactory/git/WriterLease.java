package io.jenkins.plugins.imagefactory.git;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may write the config repo's state until when: the content of {@link #REF} in the config
 * repo, a commit whose message says {@code holder:} and {@code expires:}. Only the holder
 * publishes sync cycles and dispatches rebuilds; it is taken and renewed by compare-and-set on that
 * ref, which the git server does atomically (so two instances can never both hold it).
 *
 * @param holder    who holds it, e.g. {@code 4711@build-host:/var/lib/image-factory}
 * @param expiresAt when it lapses unless renewed
 */
public record WriterLease(String holder, Instant expiresAt) {

    /** Outside the branch, so it never shows in the config's history and needs no merge. */
    public static final String REF = "refs/image-factory/writer-lease";

    public WriterLease {
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (holder.isBlank() || holder.contains("\n")) {
            throw new IllegalArgumentException("lease holder must be one non-blank line, got '" + holder + "'");
        }
    }

    public boolean isHeldBy(String who) {
        return holder.equals(who);
    }

    public boolean hasExpired(Instant now) {
        return !expiresAt.isAfter(now);
    }

    String render() {
        return "image-factory writer lease\n\nholder: " + holder + "\nexpires: " + expiresAt + "\n";
    }

    /** The lease a commit message describes; empty for anything else (then the ref is treated as free). */
    static Optional<WriterLease> parse(String message) {
        String holder = null;
        Instant expires = null;
        for (String line : message.split("\n")) {
            if (line.startsWith("holder: ")) {
                holder = line.substring("holder: ".length()).strip();
            } else if (line.startsWith("expires: ")) {
                try {
                    expires = Instant.parse(line.substring("expires: ".length()).strip());
                } catch (DateTimeParseException e) {
                    return Optional.empty();
                }
            }
        }
        return holder == null || holder.isBlank() || expires == null ? Optional.empty()
                : Optional.of(new WriterLease(holder, expires));
    }
}
