package io.jenkins.plugins.imagefactory.git;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Bounded retry with exponential backoff and jitter, for network calls and lost push races.
 *
 * @param maxAttempts  total attempts including the first, at least 1
 * @param initialDelay wait before the second attempt (before jitter)
 * @param maxDelay     cap on any single wait
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(10));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("retry maxAttempts must be at least 1, got " + maxAttempts);
        }
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException(
                    "retry delays need 0 <= initialDelay <= maxDelay, got " + initialDelay + " and " + maxDelay);
        }
    }

    /**
     * The wait after failed attempt {@code attempt} (1-based): doubling from the initial delay up to
     * the cap, then a random point in its upper half so that racing writers do not retry in step.
     */
    public Duration delayAfter(int attempt, RandomGenerator random) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt is 1-based, got " + attempt);
        }
        long cap = maxDelay.toMillis();
        long exponential = Math.min(cap, initialDelay.toMillis());
        for (int i = 1; i < attempt && exponential > 0 && exponential < cap; i++) {
            exponential = Math.min(cap, exponential * 2);
        }
        long half = exponential / 2;
        return Duration.ofMillis(half + random.nextLong(exponential - half + 1));
    }
}
