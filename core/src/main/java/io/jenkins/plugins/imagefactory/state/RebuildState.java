package io.jenkins.plugins.imagefactory.state;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Rebuild bookkeeping of one managed image (one enrollment: one build publishes all its tags),
 * in {@code state/rebuilds/<name>.yaml}.
 *
 * @param name           enrollment name
 * @param builtAgainst   per base reference, the digest the current image is built on
 * @param request        a pending manual or urgent request, or {@code null}
 * @param builds         rebuilds, oldest first: intent before dispatch, outcome after
 * @param breakerResetAt when a person last reset the circuit breaker, or {@code null}
 */
@JsonPropertyOrder({"name", "builtAgainst", "request", "breakerResetAt", "builds"})
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record RebuildState(String name, Map<String, String> builtAgainst, RebuildRequest request,
                           List<BuildRecord> builds, Instant breakerResetAt) {

    /** Consecutive failures that open the circuit breaker. */
    public static final int BREAKER_THRESHOLD = 3;

    public RebuildState {
        builtAgainst = builtAgainst == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(builtAgainst));
        builds = builds == null ? List.of() : List.copyOf(builds);
    }

    public static RebuildState empty(String name) {
        return new RebuildState(name, Map.of(), null, List.of(), null);
    }

    /** The build that is dispatched or running, if any: at most one per image. */
    @JsonIgnore
    public Optional<BuildRecord> active() {
        return builds.stream().filter(BuildRecord::isActive).reduce((first, second) -> second);
    }

    @JsonIgnore
    public Optional<BuildRecord> last() {
        return builds.isEmpty() ? Optional.empty() : Optional.of(builds.get(builds.size() - 1));
    }

    /** Failed builds since the last success or breaker reset. */
    @JsonIgnore
    public int consecutiveFailures() {
        int failures = 0;
        for (int i = builds.size() - 1; i >= 0; i--) {
            BuildRecord build = builds.get(i);
            // A request's first build resets the breaker at the instant it is requested: that build
            // is the first one counted, so the request's own builds fail three times, not four.
            if (breakerResetAt != null && build.requestedAt() != null && build.requestedAt().isBefore(breakerResetAt)) {
                break;
            }
            if (BuildRecord.SUCCEEDED.equals(build.status())) {
                break;
            }
            if (build.isFailure()) {
                failures++;
            }
        }
        return failures;
    }

    @JsonIgnore
    public boolean breakerOpen() {
        return consecutiveFailures() >= BREAKER_THRESHOLD;
    }

    public RebuildState withBuiltAgainst(Map<String, String> newBuiltAgainst) {
        return new RebuildState(name, newBuiltAgainst, request, builds, breakerResetAt);
    }

    public RebuildState withRequest(RebuildRequest newRequest) {
        return new RebuildState(name, builtAgainst, newRequest, builds, breakerResetAt);
    }

    public RebuildState withBreakerReset(Instant at) {
        return new RebuildState(name, builtAgainst, request, builds, at);
    }

    /** Adds {@code build}, or replaces the record with the same key. */
    public RebuildState withBuild(BuildRecord build) {
        List<BuildRecord> next = new ArrayList<>(builds);
        next.removeIf(b -> b.key().equals(build.key()));
        next.add(build);
        return new RebuildState(name, builtAgainst, request, next, breakerResetAt);
    }
}
