package io.jenkins.plugins.imagefactory.registry;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers for the few HTTP header values the registry protocol relies on. */
final class HttpHeaderValues {

    private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*((?:;\\s*[^;,]+)*)");
    private static final Pattern REL_NEXT = Pattern.compile(";\\s*rel\\s*=\\s*\"?([^\";]*)\"?");

    private HttpHeaderValues() {
    }

    /**
     * {@code Retry-After} as a wait from {@code now}: either delta-seconds or an HTTP date
     * (RFC 9110). Empty when absent or unreadable.
     */
    static Optional<Duration> retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.strip();
        if (text.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
            } catch (NumberFormatException tooLarge) {
                return Optional.of(Duration.ofSeconds(Long.MAX_VALUE / 1000));
            }
        }
        try {
            Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException unreadable) {
            return Optional.empty();
        }
    }

    /** The target of the {@code rel="next"} entry of a {@code Link} header, resolved against {@code base}. */
    static Optional<URI> nextLink(String linkHeader, URI base) {
        if (linkHeader == null) {
            return Optional.empty();
        }
        Matcher link = LINK.matcher(linkHeader);
        while (link.find()) {
            Matcher rel = REL_NEXT.matcher(link.group(2));
            while (rel.find()) {
                for (String name : rel.group(1).strip().split("\\s+")) {
                    if (name.equalsIgnoreCase("next")) {
                        return Optional.of(base.resolve(link.group(1).strip()));
                    }
                }
            }
        }
        return Optional.empty();
    }
}
