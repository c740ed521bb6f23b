package io.jenkins.plugins.imagefactory.registry;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how long to retry a call that failed transiently (HTTP 429, 5xx, I/O error):
 * exponential backoff with full jitter, and a registry's {@code Retry-After} honoured up to a cap
 * so one misbehaving registry cannot stall a whole sync cycle.
 *
 * @param maxAttempts     total attempts including the first, at least 1
 * @param baseDelay       backoff ceiling of the first retry; doubles each further retry
 * @param maxDelay        backoff ceiling never exceeds this
 * @param maxRetryAfter   a {@code Retry-After} longer than this is cut to it
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxRetryAfter) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        if (baseDelay.isNegative() || maxDelay.isNegative() || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("retry delays must not be negative");
        }
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(20), Duration.ofSeconds(60));
    }

    /** One attempt, no retries. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    /**
     * The wait before retry number {@code retry} (1 for the first retry): uniformly random between
     * zero and {@code min(maxDelay, baseDelay * 2^(retry-1))} ("full jitter"), so many clients
     * throttled together do not retry together.
     *
     * @param random a value in [0, 1)
     */
    public Duration backoff(int retry, double random) {
        long base = baseDelay.toMillis();
        int shift = Math.min(Math.max(retry - 1, 0), 30);
        long ceiling = Math.min(maxDelay.toMillis(), base > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : base << shift);
        return Duration.ofMillis((long) (ceiling * random));
    }

    /** A registry-requested wait, capped. */
    public Duration capRetryAfter(Duration requested) {
        if (requested.isNegative()) {
            return Duration.ZERO;
        }
        return requested.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : requested;
    }
}
