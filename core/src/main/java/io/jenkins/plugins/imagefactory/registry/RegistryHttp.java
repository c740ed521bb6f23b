package io.jenkins.plugins.imagefactory.registry;

import io.jenkins.plugins.imagefactory.net.EgressRefusedException;
import io.jenkins.plugins.imagefactory.net.OutboundClient;
import io.jenkins.plugins.imagefactory.retry.RetryPolicy;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one logical request with everything every call needs: a request timeout, bounded retries
 * with exponential backoff and full jitter on 429/5xx/I/O errors honouring {@code Retry-After},
 * a per-host concurrency limit, and bookkeeping of the host's rate budget and request count.
 * It does not interpret 4xx answers other than 429; callers do.
 */
final class RegistryHttp {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryHttp.class);

    private final OutboundClient client;
    private final Duration requestTimeout;
    private final RetryPolicy retry;
    private final Duration maxRetryAfter;
    private final Clock clock;
    private final Map<String, Semaphore> permits = new ConcurrentHashMap<>();
    private final Map<String, RateBudget> budgets = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();

    /**
     * @param maxRetryAfter a registry's {@code Retry-After} longer than this is cut to it, so one
     *                      misbehaving registry cannot stall a whole sync cycle
     */
    RegistryHttp(OutboundClient client, Duration requestTimeout, RetryPolicy retry, Duration maxRetryAfter, Clock clock) {
        this.client = Objects.requireNonNull(client);
        this.requestTimeout = Objects.requireNonNull(requestTimeout);
        this.retry = Objects.requireNonNull(retry);
        this.maxRetryAfter = Objects.requireNonNull(maxRetryAfter);
        this.clock = Objects.requireNonNull(clock);
    }

    /** Where and how hard a call may go: the host that owns the budget and permits, and its limit. */
    record Target(String host, int concurrency, String reference) {
    }

    /**
     * Sends the request built by {@code request} (rebuilt per attempt), retrying transient
     * failures. Returns the first non-transient response, whatever its status.
     *
     * @throws RegistryException when every attempt failed transiently, or the thread was interrupted
     */
    HttpResponse<byte[]> send(Target target, Supplier<HttpRequest.Builder> request, String what) {
        Semaphore semaphore = permits.computeIfAbsent(target.host(), host -> new Semaphore(Math.max(1, target.concurrency())));
        int attempt = 0;
        while (true) {
            attempt++;
            HttpResponse<byte[]> response = null;
            IOException failure = null;
            try {
                semaphore.acquire();
                try {
                    requests.incrementAndGet();
                    response = client.send(request.get().timeout(requestTimeout).build(), HttpResponse.BodyHandlers.ofByteArray());
                } finally {
                    semaphore.release();
                }
            } catch (EgressRefusedException e) {
                throw new RegistryException(target.host(), target.reference(), RegistryException.NO_RESPONSE, null, null,
                        what + " not sent: " + e.getMessage(), e);
            } catch (IOException e) {
                failure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryException(target.host(), target.reference(), RegistryException.NO_RESPONSE, null, null,
                        what + " interrupted", e);
            }
            if (response != null) {
                RateBudget.fromHeaders(target.host(), response.headers(), clock.instant())
                        .ifPresent(budget -> budgets.put(target.host(), budget));
                if (!isTransient(response.statusCode())) {
                    return response;
                }
            }
            if (attempt >= retry.maxAttempts()) {
                throw exhausted(target, what, attempt, response, failure);
            }
            Duration wait = retry.delayBefore(attempt + 1);
            if (response != null) {
                Optional<Duration> requested = HttpHeaderValues.retryAfter(
                        response.headers().firstValue("retry-after").orElse(null), clock.instant());
                if (requested.isPresent()) {
                    wait = requested.get().compareTo(maxRetryAfter) > 0 ? maxRetryAfter : requested.get();
                }
            }
            LOG.debug("{} for {} on {} failed transiently ({}), retry {} in {} ms", what, target.reference(), target.host(),
                    response != null ? "HTTP " + response.statusCode() : failure.toString(), attempt, wait.toMillis());
            try {
                retry.sleeper().sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryException(target.host(), target.reference(), RegistryException.NO_RESPONSE, null, null,
                        what + " interrupted while waiting to retry", e);
            }
        }
    }

    private static boolean isTransient(int status) {
        return status == 429 || status >= 500;
    }

    private static RegistryException exhausted(Target target, String what, int attempts, HttpResponse<byte[]> response,
                                               IOException failure) {
        if (response != null) {
            ErrorBody error = ErrorBody.parse(response.body());
            return new RegistryException(target.host(), target.reference(), response.statusCode(), error.code(),
                    error.message(), what + " failed after " + attempts + " attempt(s)", null);
        }
        String reason = failure instanceof java.net.http.HttpTimeoutException ? "timed out" : "I/O error: " + describe(failure);
        return new RegistryException(target.host(), target.reference(), RegistryException.NO_RESPONSE, null, null,
                what + " failed after " + attempts + " attempt(s), " + reason, failure);
    }

    private static String describe(IOException failure) {
        return io.jenkins.plugins.imagefactory.retry.IoFailures.describe(failure);
    }

    Optional<RateBudget> budget(String host) {
        return Optional.ofNullable(budgets.get(host));
    }

    long requestCount() {
        return requests.get();
    }
}
