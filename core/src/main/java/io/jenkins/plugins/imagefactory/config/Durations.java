package io.jenkins.plugins.imagefactory.config;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in config: {@code 90s}, {@code 36h}, {@code 7d}, {@code 2w}, {@code 1d12h}, or ISO-8601. */
public final class Durations {

    public static final String EXPECTED = "a duration such as 90s, 30m, 36h, 7d, 2w, 1d12h or ISO-8601 (P7D, PT12H)";

    private static final Pattern SHORT = Pattern.compile("(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    private Durations() {
    }

    /**
     * @throws IllegalArgumentException saying what was expected
     */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("expected " + EXPECTED + ", got nothing");
        }
        String value = text.strip();
        if (value.toUpperCase(Locale.ROOT).startsWith("P")) {
            return iso(value);
        }
        Matcher matcher = SHORT.matcher(value);
        if (!matcher.matches() || value.isEmpty()) {
            throw new IllegalArgumentException("expected " + EXPECTED + ", got \"" + text + "\"");
        }
        try {
            Duration total = Duration.ZERO;
            total = total.plusDays(7 * number(matcher.group(1)));
            total = total.plusDays(number(matcher.group(2)));
            total = total.plusHours(number(matcher.group(3)));
            total = total.plusMinutes(number(matcher.group(4)));
            return total.plusSeconds(number(matcher.group(5)));
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("duration \"" + text + "\" is too large");
        }
    }

    private static Duration iso(String value) {
        try {
            Duration duration = Duration.parse(value);
            if (duration.isNegative()) {
                throw new IllegalArgumentException("duration \"" + value + "\" must not be negative");
            }
            return duration;
        } catch (DateTimeParseException notADuration) {
            try {
                Period period = Period.parse(value);
                if (period.getYears() != 0 || period.getMonths() != 0) {
                    throw new IllegalArgumentException("duration \"" + value
                            + "\" uses years or months, whose length varies; use days or weeks (P30D, P4W)");
                }
                if (period.isNegative()) {
                    throw new IllegalArgumentException("duration \"" + value + "\" must not be negative");
                }
                return Duration.ofDays(period.getDays());
            } catch (DateTimeParseException notAPeriod) {
                throw new IllegalArgumentException("expected " + EXPECTED + ", got \"" + value + "\"");
            }
        }
    }

    private static long number(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }

    /** A form {@link #parse} reads back to the same value, in days and smaller units: {@code 7d}, {@code 1d12h}, {@code 0s}. */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        long seconds = duration.getSeconds();
        StringBuilder out = new StringBuilder();
        long days = seconds / 86_400;
        append(out, days, "d");
        append(out, seconds % 86_400 / 3600, "h");
        append(out, seconds % 3600 / 60, "m");
        append(out, seconds % 60, "s");
        return out.toString();
    }

    private static void append(StringBuilder out, long amount, String unit) {
        if (amount > 0) {
            out.append(amount).append(unit);
        }
    }
}
