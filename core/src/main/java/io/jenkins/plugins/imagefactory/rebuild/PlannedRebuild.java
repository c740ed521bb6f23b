package io.jenkins.plugins.imagefactory.rebuild;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.jenkins.plugins.imagefactory.state.BuildRecord.BuildCause;
import io.jenkins.plugins.imagefactory.state.RebuildRequest;
import java.time.Instant;
import java.util.List;

/**
 * The planner's verdict on one managed image.
 *
 * @param name      enrollment name
 * @param status    where it stands
 * @param causes    the base updates a rebuild would take in (for each base, the newest eligible digest)
 * @param dueAt     when the next pending update becomes eligible, or, for {@link RebuildStatus#DISPATCH_FAILED},
 *                  when the dispatch is tried again; or {@code null}
 * @param waitingOn for {@link RebuildStatus#WAITING_FOR_ANCESTOR}, the ancestor; for {@link RebuildStatus#BLOCKED},
 *                  {@link RebuildStatus#BREAKER_OPEN} and {@link RebuildStatus#DISPATCH_FAILED}, why
 * @param key       idempotency key of the build a trigger would start (image + target digests), or of the running one
 * @param request   the manual or urgent request that drives it, or {@code null}
 * @param updates   every newer base digest it has not been built on: the ones a build would take in and the
 *                  ones still ageing, each with since when
 * @param timeoutAt for a running build, when it counts as timed out ({@code build.timeout}), else {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PlannedRebuild(String name, RebuildStatus status, List<BuildCause> causes, Instant dueAt, String waitingOn,
                             String key, RebuildRequest request, List<BaseUpdate> updates, Instant timeoutAt) {

    public PlannedRebuild {
        causes = List.copyOf(causes);
        updates = updates == null ? List.of() : List.copyOf(updates);
    }

    public PlannedRebuild(String name, RebuildStatus status, List<BuildCause> causes, Instant dueAt, String waitingOn,
                          String key, RebuildRequest request) {
        this(name, status, causes, dueAt, waitingOn, key, request, List.of(), null);
    }

    /** The earliest moment this plan may change by the clock alone: a delay ending, a retry, a timeout. */
    public Instant wakeUp() {
        if (dueAt == null) {
            return timeoutAt;
        }
        return timeoutAt == null || dueAt.isBefore(timeoutAt) ? dueAt : timeoutAt;
    }

    public boolean isDue() {
        return status == RebuildStatus.DUE;
    }
}
