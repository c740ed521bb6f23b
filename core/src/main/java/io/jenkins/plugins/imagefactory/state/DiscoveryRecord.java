package io.jenkins.plugins.imagefactory.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the last discovery of a managed image found. An empty {@code bases} list is a real answer
 * (FROM scratch only), distinct from an error (Req 2.5).
 *
 * @param commit       source commit the Dockerfile was read at
 * @param dockerfile   path of the Dockerfile read
 * @param buildArgs    build args it was analysed with
 * @param target       the build stage it was analysed for, or {@code null} for the last stage (records
 *                     written before targets were recorded have none, and are read again once when their
 *                     enrollment names a target)
 * @param discoveredAt when this result was first produced
 * @param bases        every external image used, reachable or not
 * @param error        why the latest discovery failed (the bases are then the last good ones), or {@code null}
 */
@JsonPropertyOrder({"commit", "dockerfile", "buildArgs", "target", "discoveredAt", "bases", "error"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DiscoveryRecord(String commit, String dockerfile, Map<String, String> buildArgs, String target,
                              Instant discoveredAt, List<DiscoveredBase> bases, ErrorRecord error) {

    public DiscoveryRecord {
        buildArgs = buildArgs == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(buildArgs));
        bases = bases == null ? List.of() : List.copyOf(bases);
    }

    public DiscoveryRecord withError(ErrorRecord newError) {
        return new DiscoveryRecord(commit, dockerfile, buildArgs, target, discoveredAt, bases, newError);
    }
}
