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
 * @param dueAt     when the next pending update becomes eligible, or {@code null}
 * @param waitingOn for {@link RebuildStatus#WAITING_FOR_ANCESTOR}, the ancestor; for {@link RebuildStatus#BLOCKED}, why
 * @param key       idempotency key of the build a trigger would start (image + target digests)
 * @param request   the manual or urgent request that drives it, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PlannedRebuild(String name, RebuildStatus status, List<BuildCause> causes, Instant dueAt, String waitingOn,
                             String key, RebuildRequest request) {

    public PlannedRebuild {
        causes = List.copyOf(causes);
    }

    public boolean isDue() {
        return status == RebuildStatus.DUE;
    }
}
