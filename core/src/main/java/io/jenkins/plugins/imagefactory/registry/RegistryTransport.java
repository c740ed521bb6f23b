package io.jenkins.plugins.imagefactory.registry;

import io.jenkins.plugins.imagefactory.config.RegistrySettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one logical request with timeouts, bounded retries (429, 5xx, I/O errors; honouring
 * {@code Retry-After} up to a cap), a per-host concurrency limit and rate-budget bookkeeping. It
 * knows nothing about auth: callers pass a fresh request per attempt.
 */
final class RegistryTransport {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryTransport.class);
    static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

    private final HttpClient http;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final Clock clock;
    private final RandomGenerator random;
    private final Function<String, RegistrySettings> settings;
    private final Map<String, Semaphore> permits = new ConcurrentHashMap<>();
    private final Map<String, RateBudget> budgets = new ConcurrentHashMap<>();
    private final AtomicLong requestsSent = new AtomicLong();

    RegistryTransport(RetryPolicy retry, Sleeper sleeper, Clock clock, RandomGenerator random,
            Function<String, RegistrySettings> settings) {
        this.retry = retry;
        this.sleeper = sleeper;
        this.clock = clock;
        this.random = random;
        this.settings = settings;
        this.http = HttpClient.newBuilder()
                .connectTimeout(retry.connectTimeout())
                // Never follow redirects: the JDK would resend our Authorization header to wherever
                // the redirect points (object storage, another host).
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A request for one attempt; called again for every retry so auth can be refreshed. */
    @FunctionalInterface
    interface RequestFactory {
        HttpRequest create();
    }

    /**
     * Sends with retries. Answers any final response (including 4xx); throws only when retries are
     * exhausted or the wait a registry asks for is longer than the policy allows.
     *
     * @param host      the host for concurrency and budget accounting (the registry host as configured)
     * @param reference what is asked for, for error messages
     */
    RegistryResponse send(String host, String reference, RequestFactory factory) {
        RegistryException last = null;
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            HttpRequest request = factory.create();
            Duration wait;
            int attemptNumber = attempt;
            try {
                RegistryResponse response = once(host, request);
                if (!isRetryable(response.status())) {
                    return response;
                }
                ErrorBody error = ErrorBody.parse(response.body());
                last = new RegistryException(host, reference, response.status(), error.code(),
                        describe(error, attempt));
                Optional<Duration> retryAfter = retryAfter(response);
                if (response.status() == 429) {
                    budgets.put(host, new RateBudget(host, 0, retryAfter.orElse(null), clock.instant()));
                }
                if (retryAfter.isPresent() && retryAfter.get().compareTo(retry.maxRetryAfter()) > 0) {
                    throw new RegistryException(host, reference, response.status(), error.code(),
                            "registry asks to retry after " + retryAfter.get().toSeconds() + "s, more than the "
                                    + retry.maxRetryAfter().toSeconds() + "s allowed"
                                    + (error.message() != null ? "; " + error.message() : ""));
                }
                wait = retryAfter.orElseGet(() -> retry.backoff(attemptNumber, random));
            } catch (IOException e) {
                last = new RegistryException(host, reference, 0, null,
                        e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "")
                                + " after " + attempt + " attempt(s)", e);
                wait = retry.backoff(attempt, random);
            }
            if (attempt == retry.maxAttempts()) {
                break;
            }
            LOG.debug("retrying {} on {} in {} ms: {}", reference, host, wait.toMillis(), last.getMessage());
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryException(host, reference, last.status(), last.errorCode(), "interrupted while waiting to retry", e);
            }
        }
        throw last;
    }

    private RegistryResponse once(String host, HttpRequest request) throws IOException {
        Semaphore semaphore = permits.computeIfAbsent(host,
                h -> new Semaphore(Math.max(1, settings.apply(h).concurrency()), true));
        try {
            semaphore.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a connection slot to " + host, e);
        }
        try {
            requestsSent.incrementAndGet();
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            byte[] body;
            try (InputStream in = response.body()) {
                body = in.readNBytes(MAX_BODY_BYTES + 1);
            }
            if (body.length > MAX_BODY_BYTES) {
                throw new IOException("response body larger than " + MAX_BODY_BYTES + " bytes from " + request.uri());
            }
            observeBudget(host, response);
            return new RegistryResponse(request.uri(), response.statusCode(), response.headers(), body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while talking to " + host, e);
        } finally {
            semaphore.release();
        }
    }

    private void observeBudget(String host, HttpResponse<?> response) {
        // HttpHeaders lookups are case-insensitive, which covers ratelimit-remaining too.
        response.headers().firstValue("RateLimit-Remaining")
                .flatMap(value -> RateBudget.parse(host, value, clock.instant()))
                .ifPresent(budget -> budgets.put(host, budget));
    }

    Optional<RateBudget> budget(String host) {
        return Optional.ofNullable(budgets.get(host));
    }

    long requestsSent() {
        return requestsSent.get();
    }

    Clock clock() {
        return clock;
    }

    Duration requestTimeout() {
        return retry.requestTimeout();
    }

    HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(retry.requestTimeout());
    }

    static boolean isRetryable(int status) {
        return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
    }

    private static String describe(ErrorBody error, int attempt) {
        return (error.message() != null ? error.message() + "; " : "") + "gave up after " + attempt + " attempt(s)";
    }

    /** {@code Retry-After} as delta-seconds or an HTTP date, relative to now. */
    Optional<Duration> retryAfter(RegistryResponse response) {
        return response.header("Retry-After").flatMap(value -> parseRetryAfter(value, clock.instant()));
    }

    static Optional<Duration> parseRetryAfter(String value, Instant now) {
        String text = value.strip();
        if (text.matches("\\d{1,10}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
        }
        try {
            Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration delta = Duration.between(now, at);
            return Optional.of(delta.isNegative() ? Duration.ZERO : delta);
        } catch (DateTimeParseException unknown) {
            return Optional.empty();
        }
    }
}
