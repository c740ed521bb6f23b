package io.jenkins.plugins.imagefactory.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens by registry host and scope, kept until shortly before they expire so a sync cycle
 * asks a token service once per repository, not once per request.
 */
final class TokenCache {

    /** The distribution token spec's default when a token response gives no {@code expires_in}. */
    static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);
    /** Tokens are dropped this long before expiry so one never expires in flight. */
    static final Duration SAFETY_MARGIN = Duration.ofSeconds(5);

    private record Entry(String token, Instant expiresAt) {
    }

    private final Clock clock;
    private final Map<String, Entry> tokens = new ConcurrentHashMap<>();

    TokenCache(Clock clock) {
        this.clock = clock;
    }

    Optional<String> get(String host, String scope) {
        Entry entry = tokens.get(host + " " + scope);
        if (entry == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(entry.expiresAt())) {
            tokens.remove(host + " " + scope, entry);
            return Optional.empty();
        }
        return Optional.of(entry.token());
    }

    /**
     * @param issuedAt  when the token service says it issued the token, or {@code null} for now;
     *                  a time ahead of our clock is treated as now so clock skew cannot extend a token
     * @param lifetime  {@code expires_in}, or {@code null} for the default 60 seconds
     */
    void put(String host, String scope, String token, Instant issuedAt, Duration lifetime) {
        Instant now = clock.instant();
        Instant start = issuedAt == null || issuedAt.isAfter(now) ? now : issuedAt;
        Duration life = lifetime == null || lifetime.isNegative() || lifetime.isZero() ? DEFAULT_LIFETIME : lifetime;
        Duration margin = life.compareTo(SAFETY_MARGIN.multipliedBy(2)) > 0 ? SAFETY_MARGIN : Duration.ZERO;
        tokens.put(host + " " + scope, new Entry(token, start.plus(life).minus(margin)));
    }
}
