package io.jenkins.plugins.imagefactory.registry;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a registry last said about its request budget through {@code RateLimit-Remaining} /
 * {@code RateLimit-Limit} (Docker Hub sends {@code 100;w=21600}: 100 left in a 6-hour window).
 * Callers stop early when {@link #remaining()} is nearly spent rather than run into 429s.
 *
 * @param host       the registry host the budget belongs to
 * @param remaining  requests left in the current window
 * @param limit      the window's full allowance, when the registry said
 * @param window     the window length, when the registry said
 * @param observedAt when the header was read
 */
public record RateBudget(String host, int remaining, Integer limit, Duration window, Instant observedAt) {

    private static final Pattern VALUE = Pattern.compile("\\s*(\\d+)\\s*(?:;\\s*w\\s*=\\s*(\\d+))?.*");

    public RateBudget {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(observedAt, "observedAt");
    }

    /**
     * Reads the budget from response headers (names are case-insensitive); empty when the registry
     * sent no parseable {@code RateLimit-Remaining}.
     */
    public static Optional<RateBudget> fromHeaders(String host, java.net.http.HttpHeaders headers, Instant now) {
        Optional<String> remainingHeader = headers.firstValue("ratelimit-remaining");
        if (remainingHeader.isEmpty()) {
            return Optional.empty();
        }
        Matcher remaining = VALUE.matcher(remainingHeader.get());
        if (!remaining.matches()) {
            return Optional.empty();
        }
        Duration window = remaining.group(2) != null ? Duration.ofSeconds(Long.parseLong(remaining.group(2))) : null;
        Integer limit = null;
        Optional<String> limitHeader = headers.firstValue("ratelimit-limit");
        if (limitHeader.isPresent()) {
            Matcher matcher = VALUE.matcher(limitHeader.get());
            if (matcher.matches()) {
                limit = parseInt(matcher.group(1)).getAsInt();
                if (window == null && matcher.group(2) != null) {
                    window = Duration.ofSeconds(Long.parseLong(matcher.group(2)));
                }
            }
        }
        return Optional.of(new RateBudget(host, parseInt(remaining.group(1)).getAsInt(), limit, window, now));
    }

    private static OptionalInt parseInt(String digits) {
        try {
            return OptionalInt.of(Integer.parseInt(digits));
        } catch (NumberFormatException tooLarge) {
            return OptionalInt.of(Integer.MAX_VALUE);
        }
    }

    /** Whether at most {@code reserve} requests are left. */
    public boolean isNearlySpent(int reserve) {
        return remaining <= reserve;
    }
}
