package io.jenkins.plugins.imagefactory.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" for misspelt field names, enrollment names and references. */
public final class Suggestions {

    private Suggestions() {
    }

    /**
     * The known text nearest to {@code typed}, if it is near enough: within a third of its length,
     * and never more than 3 edits. Candidates whose length alone puts them further away are not
     * compared, so a long typed text against 10,000 names stays cheap.
     */
    public static Optional<String> closest(String typed, Collection<String> known) {
        int allowed = Math.max(1, Math.min(3, typed.length() / 3));
        int typedLength = stripped(typed).length();
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            if (Math.abs(stripped(candidate).length() - typedLength) > allowed) {
                continue;
            }
            int distance = distance(typed.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best != null && bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    private static String stripped(String text) {
        return text.replace("-", "").replace("_", "");
    }

    /** Levenshtein distance, with '-' and '_' counting as equal to nothing at all (build-args ~ buildArgs). */
    static int distance(String a, String b) {
        String x = stripped(a);
        String y = stripped(b);
        int[] previous = new int[y.length() + 1];
        int[] current = new int[y.length() + 1];
        for (int j = 0; j <= y.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= x.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= y.length(); j++) {
                int substitution = previous[j - 1] + (x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[y.length()];
    }
}
