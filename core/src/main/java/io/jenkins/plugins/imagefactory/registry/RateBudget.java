package io.jenkins.plugins.imagefactory.registry;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a registry last said about its request budget, from {@code RateLimit-Remaining} (Docker Hub
 * sends {@code 100;w=21600}: 100 requests left in a 6 h window), or from a 429.
 *
 * @param host       the registry host
 * @param remaining  requests left in the window
 * @param window     the window length, or {@code null} when not given
 * @param observedAt when the registry said so
 */
public record RateBudget(String host, long remaining, Duration window, Instant observedAt) {

    private static final Pattern HEADER = Pattern.compile("\\s*(\\d+)\\s*(?:;\\s*w\\s*=\\s*(\\d+))?.*");

    /** Parses a {@code RateLimit-Remaining} value; empty when it is not a number. */
    public static Optional<RateBudget> parse(String host, String header, Instant now) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = HEADER.matcher(header);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            long remaining = Long.parseLong(m.group(1));
            Duration window = m.group(2) != null ? Duration.ofSeconds(Long.parseLong(m.group(2))) : null;
            return Optional.of(new RateBudget(host, remaining, window, now));
        } catch (NumberFormatException tooLarge) {
            return Optional.empty();
        }
    }

    /** Whether at most {@code reserve} requests are left: time to stop and leave the rest for next cycle. */
    public boolean nearlySpent(long reserve) {
        return remaining <= reserve;
    }
}
