package io.jenkins.plugins.imagefactory.state;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A base as a discovery recorded it.
 *
 * @param ref         canonical reference as written (with its digest when pinned)
 * @param instruction {@code FROM}, {@code COPY --from} or {@code RUN --mount}
 * @param stage       stage name or index
 * @param primary     base of the stage that is built
 * @param pinned      pinned to a digest
 * @param reachable   needed to build the target (unreachable stages never drive rebuilds)
 */
@JsonPropertyOrder({"ref", "instruction", "stage", "primary", "pinned", "reachable"})
public record DiscoveredBase(String ref, String instruction, String stage, boolean primary, boolean pinned,
                             boolean reachable) {
}
