package io.jenkins.plugins.imagefactory.state;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;

/**
 * A problem that persists until a later cycle succeeds. {@code since} stays put while the same
 * message repeats, so an unchanged failure does not rewrite the state file every cycle.
 *
 * @param message what went wrong, with context, never a secret
 * @param since   when it was first seen
 */
@JsonPropertyOrder({"message", "since"})
public record ErrorRecord(String message, Instant since) {

    /** This error as of {@code now}: the same record if the message did not change. */
    public static ErrorRecord carry(ErrorRecord previous, String message, Instant now) {
        return previous != null && previous.message().equals(message) ? previous : new ErrorRecord(message, now);
    }
}
