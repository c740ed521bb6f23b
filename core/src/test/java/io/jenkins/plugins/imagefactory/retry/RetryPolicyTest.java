package io.jenkins.plugins.imagefactory.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static RetryPolicy withJitter(double random) {
        return new RetryPolicy(10, Duration.ofMillis(200), Duration.ofSeconds(1), d -> { }, () -> random);
    }

    @Test
    void delaysDoubleUpToTheCapWithAtLeastHalfOfEachStep() {
        RetryPolicy lowest = withJitter(0.0);
        RetryPolicy highest = withJitter(0.999_999);

        assertThat(lowest.delayBefore(1)).isZero();
        assertThat(lowest.delayBefore(2)).isEqualTo(Duration.ofMillis(100));
        assertThat(lowest.delayBefore(3)).isEqualTo(Duration.ofMillis(200));
        assertThat(lowest.delayBefore(4)).isEqualTo(Duration.ofMillis(400));
        assertThat(lowest.delayBefore(5)).as("capped").isEqualTo(Duration.ofMillis(500));
        assertThat(highest.delayBefore(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(highest.delayBefore(9)).isEqualTo(Duration.ofSeconds(1));
        assertThat(highest.delayBefore(1_000)).as("no overflow").isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, d -> { }, () -> 0))
                .hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> new RetryPolicy(2, Duration.ofSeconds(2), Duration.ofSeconds(1), d -> { }, () -> 0))
                .hasMessageContaining("initialDelay <= maxDelay");
    }
}
