package io.jenkins.plugins.imagefactory.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hostile Dockerfiles: each must end in an error on the line at fault, within the documented
 * {@link ExpansionBudget} and line limits, never in running out of memory, stack or time.
 */
class DockerfileLimitsTest {

    private static void assertRefusedAt(String dockerfile, int line, String message) {
        assertThatThrownBy(() -> DockerfileAnalyzer.analyze(dockerfile, Map.of(), null))
                .isInstanceOfSatisfying(DockerfileException.class, e -> assertThat(e.line()).isEqualTo(line))
                .hasMessageContaining(message);
    }

    @Test
    void argsThatDoubleTheirValueStopAtTheWordLimit() {
        StringBuilder dockerfile = new StringBuilder("ARG A0=0123456789abcdef\n");
        for (int i = 1; i <= 39; i++) {
            dockerfile.append("ARG A").append(i).append("=${A").append(i - 1).append("}${A").append(i - 1).append("}\n");
        }
        dockerfile.append("FROM alpine:${A39}\n");
        assertThat(dockerfile.length()).isLessThan(1000);
        // 16 characters doubled 12 times is 65,536, one more than a word may hold: ARG A12 on line 13.
        assertRefusedAt(dockerfile.toString(), 13, "an expanded value is longer than 65,535 characters");
    }

    @Test
    void copiesOfALongValueStopAtTheTotalLimit() {
        String big = "x".repeat(60_000);
        StringBuilder dockerfile = new StringBuilder("ARG BIG=" + big + "\n");
        for (int i = 1; i <= 40; i++) {
            dockerfile.append("ARG C").append(i).append("=$BIG\n");
        }
        dockerfile.append("FROM alpine\n");
        int copies = (int) (ExpansionBudget.MAX_SUBSTITUTED_CHARS / 60_000) + 1;
        assertRefusedAt(dockerfile.toString(), 1 + copies, "produce more than 1,048,576 characters in all");
    }

    @Test
    void deepNestingStopsAtTheNestingLimit() {
        String nested = "${X:-".repeat(5_000) + "3.20" + "}".repeat(5_000);
        assertRefusedAt("ARG V=" + nested + "\nFROM alpine:$V\n", 1, "nested more than 32 deep");
        assertRefusedAt("FROM alpine\nFROM alpine:" + "${X:-".repeat(33) + "3.20" + "}".repeat(33) + "\n", 2,
                "nested more than 32 deep");
    }

    @Test
    void nestingUpToTheLimitIsFine() throws DockerfileException {
        String nested = "${X:-".repeat(ExpansionBudget.MAX_NESTING) + "3.20" + "}".repeat(ExpansionBudget.MAX_NESTING);
        assertThat(DockerfileAnalyzer.analyze("FROM alpine:" + nested + "\n", Map.of(), null).dependencies())
                .extracting(d -> d.ref().canonical()).containsExactly("docker.io/library/alpine:3.20");
    }

    @Test
    void aPatternThatCannotMatchStopsAtTheMatchingLimit() {
        String dockerfile = "ARG V=" + "a".repeat(60_000) + "\nARG W=${V//*b/x}\nFROM alpine\n";
        assertRefusedAt(dockerfile, 2, "take more than 16,000,000 matching steps");
    }

    @Test
    void aReplacementThatGrowsTheValueStopsAtTheWordLimit() {
        String dockerfile = "ARG R=" + "r".repeat(40_000) + "\nARG V=abcdef\nARG W=${V//?/$R}\nFROM alpine\n";
        assertRefusedAt(dockerfile, 3, "an expanded value is longer than 65,535 characters");
    }

    @Test
    void linesLongerThanBuildKitReadsAreRefusedWhereverTheyAre() {
        assertRefusedAt("FROM alpine\nRUN echo " + "x".repeat(70_000) + "\n", 2, "longer than 65,535 bytes");
        assertRefusedAt("FROM alpine\n# " + "x".repeat(70_000) + "\n", 2, "longer than 65,535 bytes");
        assertRefusedAt("FROM alpine\nRUN <<EOF\n" + "x".repeat(70_000) + "\nEOF\n", 3, "longer than 65,535 bytes");
        // Bytes, not characters: 33,000 two-byte characters are 66,000 bytes, 30,000 are 60,000.
        assertRefusedAt("FROM alpine\nRUN echo " + "\u00e9".repeat(33_000) + "\n", 2, "longer than 65,535 bytes");
    }

    @Test
    void aLongLineWithinTheLimitIsRead() throws DockerfileException {
        String dockerfile = "FROM alpine\nRUN echo " + "\u00e9".repeat(30_000) + "\n";
        assertThat(DockerfileAnalyzer.analyze(dockerfile, Map.of(), null).dependencies()).hasSize(1);
    }

    @Test
    void aLongChainOfOnbuildIsRefusedWithoutDeepStack() {
        // Continuations join lines past the 65,535-byte line limit, so the chain can be very long.
        String chain = "ONBUILD \\\n".repeat(100_000) + "RUN true\n";
        assertRefusedAt("FROM alpine\n" + chain, 2, "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
        assertRefusedAt("FROM alpine\n" + "ONBUILD \\\n".repeat(100_000) + "ENV PATH\n", 2, "ENV PATH has no value");
    }

    @Test
    void deeplyNestedJsonNeedsNoDeepStack() throws DockerfileException {
        // Too deep for the JSON reader, so, as text that is not a JSON array, the shell form.
        String dockerfile = "FROM alpine\nCMD " + "[".repeat(30_000) + "]".repeat(30_000) + "\n";
        assertThat(DockerfileAnalyzer.analyze(dockerfile, Map.of(), null).dependencies()).hasSize(1);
    }

    @Test
    void thousandsOfChainedStagesNeedNoDeepStack() throws DockerfileException {
        StringBuilder dockerfile = new StringBuilder("FROM alpine:3.20 AS s0\n");
        for (int i = 1; i < 10_000; i++) {
            dockerfile.append("FROM s").append(i - 1).append(" AS s").append(i).append('\n')
                    .append("COPY --from=s").append(i - 1).append(" / /\n");
        }
        DockerfileAnalysis analysis = DockerfileAnalyzer.analyze(dockerfile.toString(), Map.of(), null);
        assertThat(analysis.stages()).hasSize(10_000);
        assertThat(analysis.reachable()).extracting(d -> d.ref().canonical()).containsExactly("docker.io/library/alpine:3.20");
    }

    @Test
    void aCycleThroughThousandsOfStagesIsFoundWithoutDeepStack() {
        int count = 10_000;
        StringBuilder dockerfile = new StringBuilder("FROM alpine AS s0\nCOPY --from=s" + (count - 1) + " / /\n");
        for (int i = 1; i < count; i++) {
            dockerfile.append("FROM alpine AS s").append(i).append("\nCOPY --from=s").append(i - 1).append(" / /\n");
        }
        assertRefusedAt(dockerfile.toString(), 2, "circular dependency detected on stage: s0");
    }
}
