package io.jenkins.plugins.imagefactory.sync;

import io.jenkins.plugins.imagefactory.state.ImageState;
import java.util.List;
import java.util.Map;

/** The monitoring step of a cycle: ask registries for current digests. */
@FunctionalInterface
public interface DigestChecker {

    /**
     * Checks each distinct target once. References left out of the answer were deferred (a
     * registry's rate budget ran out) and go first next cycle.
     *
     * @param previous last cycle's state by canonical reference: the digests known so far
     * @return outcome per canonical reference
     */
    Map<String, DigestCheck> check(List<CheckTarget> targets, Map<String, ImageState> previous);
}
