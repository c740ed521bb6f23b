package io.jenkins.plugins.imagefactory.registry;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Timeouts and bounded retries for every registry call. Retries happen on 429, 5xx and I/O errors
 * (timeouts, resets, truncated bodies), waiting {@code Retry-After} when the registry sends one, else
 * exponential backoff with full jitter: a uniform wait in {@code [0, min(maxDelay, baseDelay * 2^n))}.
 *
 * @param maxAttempts    attempts per call including the first, at least 1
 * @param baseDelay      backoff before the second attempt (upper bound before jitter)
 * @param maxDelay       backoff never exceeds this
 * @param maxRetryAfter  a {@code Retry-After} longer than this is not waited for: the call fails
 * @param connectTimeout TCP/TLS connect timeout
 * @param requestTimeout time for one request until its response headers arrive
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxRetryAfter,
        Duration connectTimeout, Duration requestTimeout) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(20), Duration.ofSeconds(60),
                Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    public RetryPolicy withRequestTimeout(Duration timeout) {
        return new RetryPolicy(maxAttempts, baseDelay, maxDelay, maxRetryAfter, connectTimeout, timeout);
    }

    /** Full-jitter backoff after failed attempt number {@code attempt} (1-based). */
    Duration backoff(int attempt, RandomGenerator random) {
        long cap = maxDelay.toMillis();
        long exponential = baseDelay.toMillis() << Math.min(attempt - 1, 30);
        long bound = Math.max(1, Math.min(cap, exponential < 0 ? cap : exponential));
        return Duration.ofMillis(random.nextLong(bound));
    }
}
