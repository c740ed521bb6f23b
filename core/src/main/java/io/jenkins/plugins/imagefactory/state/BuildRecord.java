package io.jenkins.plugins.imagefactory.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;

/**
 * One rebuild of a managed image: its intent is recorded before the build system is asked, its
 * outcome after (so a restart never dispatches the same key twice).
 *
 * @param key         idempotency key: hash of the image and the base digests it targets
 * @param status      {@code dispatching} (intent recorded), {@code triggered}, {@code running}, {@code succeeded},
 *                    {@code failed}, {@code timed-out} (no result within the image's {@code build.timeout})
 * @param requestedAt when the intent was recorded
 * @param actor       who asked: {@code system}, or a user / webhook for manual and urgent builds
 * @param reason      why, for urgent builds (e.g. a CVE id)
 * @param causes      the base updates this build takes in
 * @param buildSystem {@code github-actions}, {@code jenkins}, {@code webhook}
 * @param runUrl      the build system's page for this run
 * @param finishedAt  when the outcome was recorded
 * @param digest      the new digest the build produced, when known
 * @param message     the build system's answer on failure; for an intent whose dispatch failed for a while,
 *                    that error
 * @param urgent      {@code true} when the delay was bypassed, else {@code null}
 * @param retryAt     for an intent whose dispatch failed for a while: when it is tried again, else {@code null}
 */
@JsonPropertyOrder({"key", "status", "requestedAt", "actor", "urgent", "reason", "causes", "buildSystem", "runUrl",
        "finishedAt", "digest", "message", "retryAt"})
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record BuildRecord(String key, String status, Instant requestedAt, String actor, String reason,
                          List<BuildCause> causes, String buildSystem, String runUrl, Instant finishedAt, String digest,
                          String message, Boolean urgent, Instant retryAt) {

    public static final String DISPATCHING = "dispatching";
    public static final String TRIGGERED = "triggered";
    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
    public static final String TIMED_OUT = "timed-out";

    public BuildRecord {
        causes = causes == null ? List.of() : List.copyOf(causes);
    }

    public BuildRecord(String key, String status, Instant requestedAt, String actor, String reason, List<BuildCause> causes,
                       String buildSystem, String runUrl, Instant finishedAt, String digest, String message, Boolean urgent) {
        this(key, status, requestedAt, actor, reason, causes, buildSystem, runUrl, finishedAt, digest, message, urgent, null);
    }

    /** Dispatched (or about to be) and not finished. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isActive() {
        return DISPATCHING.equals(status) || TRIGGERED.equals(status) || RUNNING.equals(status);
    }

    /** Finished: succeeded, failed or timed out. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isFinished() {
        return SUCCEEDED.equals(status) || FAILED.equals(status) || TIMED_OUT.equals(status);
    }

    /** Counts toward the circuit breaker: it failed, or never reported within its timeout. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isFailure() {
        return FAILED.equals(status) || TIMED_OUT.equals(status);
    }

    /** An intent whose dispatch failed with an error that may pass; it is tried again at {@link #retryAt}. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isDispatchFailing() {
        return DISPATCHING.equals(status) && retryAt != null;
    }

    /** Still going: a new status and, when learnt, the run's page. */
    public BuildRecord withProgress(String newStatus, String newRunUrl) {
        return new BuildRecord(key, newStatus, requestedAt, actor, reason, causes, buildSystem,
                newRunUrl != null ? newRunUrl : runUrl, null, digest, null, urgent, null);
    }

    /** Finished (or failed to start): the outcome, when, and the build system's words. */
    public BuildRecord withOutcome(String newStatus, String newRunUrl, Instant at, String newDigest, String newMessage) {
        return new BuildRecord(key, newStatus, requestedAt, actor, reason, causes, buildSystem,
                newRunUrl != null ? newRunUrl : runUrl, at, newDigest != null ? newDigest : digest, newMessage, urgent, null);
    }

    /** The intent stays: its dispatch failed with {@code error}, and is tried again at {@code at}. */
    public BuildRecord withDispatchRetry(String error, Instant at) {
        return new BuildRecord(key, DISPATCHING, requestedAt, actor, reason, causes, buildSystem, runUrl, null, digest, error,
                urgent, at);
    }

    /**
     * One base update a build takes in.
     *
     * @param base      the base reference
     * @param oldDigest what the image was built against, or {@code null}
     * @param newDigest the digest the build should use
     */
    @JsonPropertyOrder({"base", "oldDigest", "newDigest"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BuildCause(String base, String oldDigest, String newDigest) {
    }
}
