package io.jenkins.plugins.imagefactory.dockerfile;

import java.math.BigDecimal;
import java.util.Map;

/** A duration as Go's {@code time.ParseDuration} reads it ({@code 30s}, {@code 1m30s}, {@code 1.5h}), which HEALTHCHECK flags use. */
final class GoDuration {

    private static final Map<String, BigDecimal> UNITS = Map.of(
            "ns", BigDecimal.ONE, "us", BigDecimal.valueOf(1_000L), "\u00B5s", BigDecimal.valueOf(1_000L),
            "\u03BCs", BigDecimal.valueOf(1_000L), "ms", BigDecimal.valueOf(1_000_000L),
            "s", BigDecimal.valueOf(1_000_000_000L), "m", BigDecimal.valueOf(60_000_000_000L),
            "h", BigDecimal.valueOf(3_600_000_000_000L));
    private static final BigDecimal MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private GoDuration() {
    }

    /** @throws IllegalArgumentException in Go's words */
    static long nanos(String text) {
        String rest = text;
        boolean negative = false;
        if (!rest.isEmpty() && (rest.charAt(0) == '-' || rest.charAt(0) == '+')) {
            negative = rest.charAt(0) == '-';
            rest = rest.substring(1);
        }
        if (rest.equals("0")) {
            return 0;
        }
        if (rest.isEmpty()) {
            throw invalid(text);
        }
        BigDecimal total = BigDecimal.ZERO;
        while (!rest.isEmpty()) {
            int i = 0;
            while (i < rest.length() && Character.isDigit(rest.charAt(i)) && rest.charAt(i) < 128) {
                i++;
            }
            int digits = i;
            if (i < rest.length() && rest.charAt(i) == '.') {
                i++;
                while (i < rest.length() && Character.isDigit(rest.charAt(i)) && rest.charAt(i) < 128) {
                    i++;
                }
            }
            String number = rest.substring(0, i);
            if (digits == 0 && number.length() <= 1) {
                throw invalid(text);
            }
            int unitEnd = i;
            while (unitEnd < rest.length() && rest.charAt(unitEnd) != '.' && !(rest.charAt(unitEnd) >= '0' && rest.charAt(unitEnd) <= '9')) {
                unitEnd++;
            }
            String unit = rest.substring(i, unitEnd);
            if (unit.isEmpty()) {
                throw new IllegalArgumentException("time: missing unit in duration \"" + text + "\"");
            }
            BigDecimal scale = UNITS.get(unit);
            if (scale == null) {
                throw new IllegalArgumentException("time: unknown unit \"" + unit + "\" in duration \"" + text + "\"");
            }
            String normalised = number.startsWith(".") ? "0" + number : number.endsWith(".") ? number + "0" : number;
            total = total.add(new BigDecimal(normalised).multiply(scale));
            if (total.compareTo(MAX) > 0) {
                throw invalid(text);
            }
            rest = rest.substring(unitEnd);
        }
        long nanos = total.longValue();
        return negative ? -nanos : nanos;
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("time: invalid duration \"" + text + "\"");
    }
}
