package io.jenkins.plugins.imagefactory.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;

/**
 * A person's or pipeline's request to rebuild, kept in state until the next cycle acts on it, so a
 * request survives restarts and is visible in git.
 *
 * @param actor       who asked (user name, {@code webhook}, a Jenkins job)
 * @param reason      why (required for urgent: e.g. {@code CVE-2026-1234})
 * @param urgent      bypass the rebuild delay
 * @param base        for an urgent request about one base: only that base's delay is bypassed; else {@code null}
 * @param requestedAt when
 * @param takenBy     the key of the build started for it, or {@code null} while none was; the request stays
 *                    until a build for it succeeds, so a failed build is retried with the same urgency
 */
@JsonPropertyOrder({"actor", "reason", "urgent", "base", "requestedAt", "takenBy"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RebuildRequest(String actor, String reason, boolean urgent, String base, Instant requestedAt, String takenBy) {

    /** Longest reason kept: a CVE id or a sentence, never a pasted report. */
    public static final int MAX_REASON = 500;

    public RebuildRequest(String actor, String reason, boolean urgent, String base, Instant requestedAt) {
        this(actor, reason, urgent, base, requestedAt, null);
    }

    /** This request, taken in by build {@code key}. */
    public RebuildRequest takenBy(String key) {
        return new RebuildRequest(actor, reason, urgent, base, requestedAt, key);
    }

    /**
     * This request with a later one folded in: urgency is never lost (a plain request after an
     * urgent one keeps it urgent, with its reason), reasons add up, a base limit widens when the
     * two name different bases, and the result asks for a build after any that took this one in.
     */
    public RebuildRequest merge(RebuildRequest later) {
        boolean anyUrgent = urgent || later.urgent();
        String mergedReason = reason == null ? later.reason()
                : later.reason() == null || reason.contains(later.reason()) ? reason : reason + "; " + later.reason();
        if (mergedReason != null && mergedReason.length() > MAX_REASON) {
            mergedReason = mergedReason.substring(0, MAX_REASON - 1) + "…";
        }
        String mergedBase;
        if (!anyUrgent) {
            mergedBase = null;
        } else if (urgent && later.urgent()) {
            mergedBase = java.util.Objects.equals(base, later.base()) ? base : null;
        } else {
            mergedBase = urgent ? base : later.base();
        }
        String mergedActor = actor.equals(later.actor()) ? actor : actor + ", " + later.actor();
        if (mergedActor.length() > 200) {
            mergedActor = later.actor();
        }
        return new RebuildRequest(mergedActor, mergedReason, anyUrgent, mergedBase, later.requestedAt(), null);
    }
}
