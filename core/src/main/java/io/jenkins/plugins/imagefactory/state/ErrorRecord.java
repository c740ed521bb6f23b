package io.jenkins.plugins.imagefactory.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;

/**
 * A problem that persists until a later cycle succeeds. {@code since} stays put while the same
 * message repeats, so an unchanged failure does not rewrite the state file every cycle.
 *
 * @param message       what went wrong, with context, never a secret
 * @param since         when it was first seen
 * @param lastGoodCheck for a failing digest check: when the last check that worked was made (the
 *                      digest shown is as of then), or {@code null} when no check ever worked
 */
@JsonPropertyOrder({"message", "since", "lastGoodCheck"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorRecord(String message, Instant since, Instant lastGoodCheck) {

    public ErrorRecord(String message, Instant since) {
        this(message, since, null);
    }

    /** This error as of {@code now}: the same record if the message did not change. */
    public static ErrorRecord carry(ErrorRecord previous, String message, Instant now) {
        return previous != null && previous.message().equals(message) ? previous : new ErrorRecord(message, now);
    }

    /**
     * A failing check as of {@code now}: the same record while the message repeats; a new message
     * keeps the last good check of the failure it continues.
     */
    public static ErrorRecord carryCheck(ErrorRecord previous, String message, Instant now, Instant lastGoodCheck) {
        if (previous == null) {
            return new ErrorRecord(message, now, lastGoodCheck);
        }
        return previous.message().equals(message) ? previous : new ErrorRecord(message, now, previous.lastGoodCheck());
    }
}
