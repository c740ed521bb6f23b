package io.jenkins.plugins.imagefactory.trigger;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.jenkins.plugins.imagefactory.config.BuildSpec;
import io.jenkins.plugins.imagefactory.state.BuildRecord.BuildCause;
import io.jenkins.plugins.imagefactory.state.StateMapper;
import java.time.Instant;
import java.util.List;

/**
 * Everything a build needs to know about why it runs (Req 4.3). Sent as compact JSON: the single
 * workflow input {@code image_factory_context}, the Jenkins parameter {@code IMAGE_FACTORY_CONTEXT},
 * or the body of a webhook trigger.
 *
 * @param image       enrollment name
 * @param references  the references the build publishes (one per tag)
 * @param key         idempotency key; a build system run carrying it is this rebuild
 * @param urgent      whether the delay was bypassed
 * @param actor       who asked ({@code system} for automatic rebuilds)
 * @param reason      why, for manual and urgent rebuilds
 * @param causes      each base update taken in, with the exact digest to pin
 * @param requestedAt when the intent was recorded
 * @param build       how to start it (not serialised: the build system already knows)
 */
@JsonPropertyOrder({"image", "references", "key", "urgent", "actor", "reason", "causes", "requestedAt"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RebuildContext(String image, List<String> references, String key, boolean urgent, String actor,
                             String reason, List<BuildCause> causes, Instant requestedAt,
                             @JsonIgnore BuildSpec build) {

    public RebuildContext {
        references = List.copyOf(references);
        causes = List.copyOf(causes);
    }

    /** The compact JSON every build system receives. */
    public String toJson() {
        try {
            return StateMapper.json().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise rebuild context", e);
        }
    }

    /** The first cause's base: what {@code ${baseRef}}/{@code ${baseDigest}} placeholders mean. */
    @JsonIgnore
    public BuildCause primaryCause() {
        return causes.isEmpty() ? null : causes.get(0);
    }
}
