package io.jenkins.plugins.imagefactory.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Bounded retry with exponential backoff and jitter for transient failures: the one policy every
 * network client in the engine uses (git fetch and push, registries, build systems). The sleeper
 * and the random source are injectable so tests run without waiting.
 *
 * @param maxAttempts  attempts in total, at least 1
 * @param initialDelay delay before the second attempt, before jitter
 * @param maxDelay     cap on any single delay
 * @param sleeper      how to wait
 * @param random       uniform values in [0, 1) for jitter
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, Sleeper sleeper,
                          DoubleSupplier random) {

    /** Waits; {@link Thread#sleep} in production. */
    @FunctionalInterface
    public interface Sleeper {
        Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

        void sleep(Duration duration) throws InterruptedException;
    }

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("delays must satisfy 0 <= initialDelay <= maxDelay, were "
                    + initialDelay + " and " + maxDelay);
        }
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(random, "random");
    }

    /** Three attempts, 1 s then 2 s (each with up to half of it as jitter), real sleeping. */
    public static RetryPolicy standard() {
        return of(3, Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    /** {@code maxAttempts} attempts from {@code initialDelay} doubling up to {@code maxDelay}, real sleeping. */
    public static RetryPolicy of(int maxAttempts, Duration initialDelay, Duration maxDelay) {
        return new RetryPolicy(maxAttempts, initialDelay, maxDelay, Sleeper.SYSTEM,
                () -> ThreadLocalRandom.current().nextDouble());
    }

    public RetryPolicy withSleeper(Sleeper newSleeper) {
        return new RetryPolicy(maxAttempts, initialDelay, maxDelay, newSleeper, random);
    }

    /** Waits the backoff before attempt {@code attempt} (2 for the first retry). */
    public void pauseBefore(int attempt) throws InterruptedException {
        Duration delay = delayBefore(attempt);
        if (!delay.isZero()) {
            sleeper.sleep(delay);
        }
    }

    /** A single attempt: no retry at all. */
    public static RetryPolicy once() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, duration -> { }, () -> 0);
    }

    /**
     * The delay before attempt {@code attempt} (2 for the first retry): the exponential step capped
     * at {@code maxDelay}, of which a random half is kept ("equal jitter"), so that many callers
     * failing together do not retry together yet every caller still waits at least half a step.
     */
    public Duration delayBefore(int attempt) {
        if (attempt < 2) {
            return Duration.ZERO;
        }
        long base = initialDelay.toMillis();
        long step = base << Math.min(attempt - 2, 30);
        if (step < 0 || step > maxDelay.toMillis()) {
            step = maxDelay.toMillis();
        }
        double jitter = Math.min(Math.max(random.getAsDouble(), 0), 1);
        return Duration.ofMillis(step / 2 + Math.round(step / 2.0 * jitter));
    }
}
