package io.jenkins.plugins.imagefactory.dockerfile;

import java.util.Arrays;

/**
 * A shell pattern as BuildKit's {@code ${VAR#pattern}}, {@code ${VAR%pattern}} and
 * {@code ${VAR/pattern/replacement}} read it: {@code *} any run, {@code ?} one character,
 * {@code \*} {@code \?} {@code \\} literal, {@code \}} and {@code \/} the plain character, every
 * other backslash an error; no bracket expressions. BuildKit turns it into a regular expression;
 * here it is matched by stepping a set of pattern positions over the value, so the work is
 * characters times positions whatever the pattern (a backtracking regex could take exponential
 * time), and that work is charged to the Dockerfile's {@link ExpansionBudget}.
 *
 * <p>Works on code points, as Go's regexp works on runes.
 */
final class ShellPattern {

    private static final int ANY = -1;
    private static final int STAR = -2;

    /** Code points, or {@link #ANY} / {@link #STAR}. */
    private final int[] tokens;

    private ShellPattern(int[] tokens) {
        this.tokens = tokens;
    }

    /** @throws IllegalArgumentException naming the bad escape */
    static ShellPattern compile(String pattern) {
        int[] points = pattern.codePoints().toArray();
        int[] tokens = new int[points.length];
        int count = 0;
        for (int i = 0; i < points.length; i++) {
            int c = points[i];
            if (c == '*') {
                tokens[count++] = STAR;
            } else if (c == '?') {
                tokens[count++] = ANY;
            } else if (c == '\\') {
                int next = i + 1 < points.length ? points[i + 1] : -1;
                if (next == '}' || next == '/') {
                    continue;
                }
                if (next != '*' && next != '?' && next != '\\') {
                    throw new IllegalArgumentException("invalid escape '\\" + (next < 0 ? "" : Character.toString(next))
                            + "' (only \\*, \\?, \\\\, \\} and \\/ may be escaped)");
                }
                tokens[count++] = next;
                i++;
            } else {
                tokens[count++] = c;
            }
        }
        return new ShellPattern(Arrays.copyOf(tokens, count));
    }

    /** {@code ${VAR#pattern}} ({@code longest} false) and {@code ${VAR##pattern}}. */
    String trimPrefix(String value, boolean longest, ExpansionBudget budget) throws ExpansionBudget.LimitExceeded {
        int[] points = value.codePoints().toArray();
        int end = prefixEnd(points, 0, longest, budget);
        return end < 0 ? value : new String(points, end, points.length - end);
    }

    /** {@code ${VAR%pattern}} and {@code ${VAR%%pattern}}: the prefix search on both reversed, as BuildKit does. */
    String trimSuffix(String value, boolean longest, ExpansionBudget budget) throws ExpansionBudget.LimitExceeded {
        int[] points = reverse(value.codePoints().toArray());
        int end = new ShellPattern(reverse(tokens.clone())).prefixEnd(points, 0, longest, budget);
        if (end < 0) {
            return value;
        }
        int[] kept = reverse(Arrays.copyOfRange(points, end, points.length));
        return new String(kept, 0, kept.length);
    }

    /**
     * {@code ${VAR/pattern/replacement}} ({@code all} false) and {@code ${VAR//pattern/replacement}}:
     * the leftmost match, longest from there (what Go's leftmost-first regexp gives for greedy
     * stars), and for {@code all} every following match, an empty match right after another skipped.
     * As in BuildKit, which calls Go's {@code ReplaceAllString} for {@code //} only, the replacement
     * of every match is a Go template there ({@code $0} the match, {@code $$} a dollar, other
     * {@code $name}s empty) and literal text for a single match.
     */
    String replace(String value, String replacement, boolean all, ExpansionBudget budget)
            throws ExpansionBudget.LimitExceeded {
        int[] points = value.codePoints().toArray();
        StringBuilder out = new StringBuilder();
        int copied = 0;
        int lastMatchEnd = -1;
        int search = 0;
        while (search <= points.length) {
            int start = -1;
            int end = -1;
            for (int s = search; s <= points.length && start < 0; s++) {
                end = prefixEnd(points, s, true, budget);
                if (end >= 0) {
                    start = s;
                }
            }
            if (start < 0) {
                break;
            }
            out.append(new String(points, copied, start - copied));
            if (end > lastMatchEnd || start == 0) {
                if (all) {
                    expandTemplate(replacement, new String(points, start, end - start), out);
                } else {
                    out.append(replacement);
                }
                ExpansionBudget.checkLength(out.length());
            }
            copied = end;
            lastMatchEnd = end;
            if (!all) {
                break;
            }
            search = Math.max(search + 1, end);
        }
        out.append(new String(points, copied, points.length - copied));
        return out.toString();
    }

    /**
     * The end of the shortest (or longest) run of {@code points} from {@code from} that the whole
     * pattern matches, or -1.
     */
    private int prefixEnd(int[] points, int from, boolean longest, ExpansionBudget budget)
            throws ExpansionBudget.LimitExceeded {
        int states = tokens.length + 1;
        boolean[] active = new boolean[states];
        boolean[] next = new boolean[states];
        active[0] = true;
        close(active);
        int best = active[tokens.length] ? from : -1;
        if (best >= 0 && !longest) {
            return best;
        }
        for (int i = from; i < points.length; i++) {
            budget.matched(states);
            Arrays.fill(next, false);
            boolean any = false;
            for (int state = 0; state < tokens.length; state++) {
                if (!active[state]) {
                    continue;
                }
                int token = tokens[state];
                if (token == STAR) {
                    next[state] = true;
                    any = true;
                } else if (token == ANY || token == points[i]) {
                    next[state + 1] = true;
                    any = true;
                }
            }
            if (!any) {
                break;
            }
            close(next);
            boolean[] swap = active;
            active = next;
            next = swap;
            if (active[tokens.length]) {
                best = i + 1;
                if (!longest) {
                    return best;
                }
            }
        }
        return best;
    }

    /** A star may match nothing, so the position after it is reached too. */
    private void close(boolean[] states) {
        for (int state = 0; state < tokens.length; state++) {
            if (states[state] && tokens[state] == STAR) {
                states[state + 1] = true;
            }
        }
    }

    private static void expandTemplate(String template, String match, StringBuilder out) {
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '$' || i + 1 >= template.length()) {
                out.append(c);
                i++;
                continue;
            }
            if (template.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
                continue;
            }
            int nameStart;
            int nameEnd;
            int after;
            if (template.charAt(i + 1) == '{') {
                nameStart = i + 2;
                nameEnd = template.indexOf('}', nameStart);
                after = nameEnd + 1;
            } else {
                nameStart = i + 1;
                nameEnd = nameStart;
                while (nameEnd < template.length() && isNameChar(template.charAt(nameEnd))) {
                    nameEnd++;
                }
                after = nameEnd;
            }
            if (nameEnd <= nameStart || !template.substring(nameStart, nameEnd).chars().allMatch(ch -> isNameChar((char) ch))) {
                out.append('$');
                i++;
                continue;
            }
            // The expression has no groups: $0 is the whole match, every other name is empty.
            if (template.substring(nameStart, nameEnd).chars().allMatch(ch -> ch == '0')) {
                out.append(match);
            }
            i = after;
        }
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static int[] reverse(int[] points) {
        for (int i = 0, j = points.length - 1; i < j; i++, j--) {
            int swap = points[i];
            points[i] = points[j];
            points[j] = swap;
        }
        return points;
    }
}
