package io.jenkins.plugins.imagefactory.rebuild;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;

/**
 * One newer digest of a base an image builds on, as people see it: which base, from what to what,
 * since when, and from when a rebuild may take it in.
 *
 * @param base       the base reference
 * @param oldDigest  what the image is built against, or {@code null} when unknown
 * @param newDigest  the newer digest
 * @param since      when it was pushed (or first seen): the rebuild delay counts from here
 * @param eligibleAt {@code since} plus the image's delay (at once for managed bases and urgent requests)
 */
@JsonPropertyOrder({"base", "oldDigest", "newDigest", "since", "eligibleAt"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BaseUpdate(String base, String oldDigest, String newDigest, Instant since, Instant eligibleAt) {

    /** Whether the delay has passed at {@code now}. */
    public boolean eligible(Instant now) {
        return !eligibleAt.isAfter(now);
    }
}
