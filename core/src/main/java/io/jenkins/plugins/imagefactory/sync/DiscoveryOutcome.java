package io.jenkins.plugins.imagefactory.sync;

import io.jenkins.plugins.imagefactory.state.DiscoveredBase;
import java.util.List;
import java.util.Map;

/** What analysing one enrollment's Dockerfile gave this cycle. No outcome means "unchanged, reuse the last one". */
public sealed interface DiscoveryOutcome {

    /**
     * @param commit     the source commit read
     * @param dockerfile the Dockerfile path read
     * @param buildArgs  the build args applied
     * @param target     the build stage analysed for, or {@code null} for the last stage
     * @param bases      every external image, reachable or not; empty is a real answer (FROM scratch)
     */
    record Found(String commit, String dockerfile, Map<String, String> buildArgs, String target,
                 List<DiscoveredBase> bases) implements DiscoveryOutcome {
        public Found {
            buildArgs = Map.copyOf(buildArgs);
            bases = List.copyOf(bases);
        }

        /** Found for the last stage (no {@code target}). */
        public Found(String commit, String dockerfile, Map<String, String> buildArgs, List<DiscoveredBase> bases) {
            this(commit, dockerfile, buildArgs, null, bases);
        }
    }

    /** @param message why reading or parsing failed, with context */
    record Failed(String message) implements DiscoveryOutcome {
    }
}
