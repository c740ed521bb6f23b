package io.jenkins.plugins.imagefactory.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(1));

    @Test
    void delaysDoubleUpToTheCapWithJitterInTheUpperHalf() {
        SplittableRandom random = new SplittableRandom(42);
        long[] ceilings = {200, 400, 800, 1000, 1000, 1000};
        for (int attempt = 1; attempt <= ceilings.length; attempt++) {
            for (int sample = 0; sample < 200; sample++) {
                assertThat(policy.delayAfter(attempt, random).toMillis())
                        .as("attempt %d", attempt)
                        .isBetween(ceilings[attempt - 1] / 2, ceilings[attempt - 1]);
            }
        }
    }

    @Test
    void jitterSpreadsRetriesSoRacingWritersDoNotRetryInStep() {
        SplittableRandom random = new SplittableRandom(7);
        assertThat(java.util.stream.IntStream.range(0, 50).mapToObj(i -> policy.delayAfter(3, random)).distinct().count())
                .isGreaterThan(10);
    }

    @Test
    void aHugeAttemptNumberStaysAtTheCap() {
        assertThat(policy.delayAfter(10_000, new SplittableRandom(1))).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
    }

    @Test
    void nonsenseSettingsAreRefusedWithTheValues() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("at least 1, got 0");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("PT2S").hasMessageContaining("PT1S");
    }
}
