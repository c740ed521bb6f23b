package io.jenkins.plugins.imagefactory.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.jenkins.plugins.imagefactory.state.BuildRecord;
import io.jenkins.plugins.imagefactory.state.DigestRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One tracked image as people see it: its enrollment (config wins every conflict) merged with its
 * runtime state (Req 5.5, 10.5).
 *
 * @param ref          canonical reference
 * @param role         managed, base or managed+base
 * @param enrollment   enrollment name for managed images, else {@code null}
 * @param owner        enrollment owner or the default owner
 * @param rebuildDelay the image's delay (config)
 * @param autoRebuild  whether rebuilds are automatic (config)
 * @param platforms    platforms built (config)
 * @param buildSystem  build kind (config)
 * @param source       source repository URL (config)
 * @param digest       current digest
 * @param lastUpdate   the current digest's history entry
 * @param dependencies bases its reachable stages use
 * @param dependents   managed images that build on it directly
 * @param error        latest check or discovery error
 * @param builds       rebuilds, newest last
 * @param historySize  number of digests seen
 * @param branch       source branch (config)
 * @param dockerfile   Dockerfile path in the source repository (config)
 * @param buildTimeout how long a build may go without a result ({@code build.timeout}, config)
 */
@JsonPropertyOrder({"ref", "role", "enrollment", "owner", "digest", "lastUpdate", "dependencies", "dependents", "error",
        "rebuildDelay", "autoRebuild", "platforms", "buildSystem", "buildTimeout", "source", "branch", "dockerfile", "builds",
        "historySize"})
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ImageStatus(String ref, String role, String enrollment, String owner, String rebuildDelay,
                          Boolean autoRebuild, List<String> platforms, String buildSystem, String source, String digest,
                          DigestRecord lastUpdate, List<String> dependencies, List<String> dependents, String error,
                          List<BuildRecord> builds, int historySize, String branch, String dockerfile, String buildTimeout) {

    public static String duration(Duration duration) {
        return io.jenkins.plugins.imagefactory.config.Durations.format(duration);
    }

    /** When the current digest was first seen, for sorting by freshness. */
    public Instant lastSeen() {
        return lastUpdate == null ? null : lastUpdate.firstSeen();
    }
}
