package io.jenkins.plugins.imagefactory.dockerfile;

/**
 * The bounds on variable expansion for one Dockerfile. BuildKit sets none: a few doubling ARGs
 * would take all memory, deep nesting all stack, and a glob pattern all CPU, and since one
 * analysis runs inside every sync cycle, a single enrolled Dockerfile could stop the cycle for
 * every image. Past a bound the Dockerfile gets an error on the offending line instead.
 * The README's "Dockerfiles" section states these numbers; keep them in step.
 */
final class ExpansionBudget {

    /** {@code ${…}} inside {@code ${…}}, e.g. {@code ${A:-${B:-x}}} is 2 deep. */
    static final int MAX_NESTING = 32;
    /** One expanded word; BuildKit reads no Dockerfile line longer than this many bytes either. */
    static final int MAX_WORD_LENGTH = 65_535;
    /** Text produced by substitutions over the whole Dockerfile. */
    static final long MAX_SUBSTITUTED_CHARS = 1L << 20;
    /** Pattern-matching work ({@code #}, {@code %}, {@code /} forms): characters times pattern states. */
    static final long MAX_MATCH_STEPS = 16_000_000L;

    private long substituted;
    private long matchSteps;

    /** Records {@code chars} of substituted text. */
    void substituted(int chars) throws LimitExceeded {
        substituted += chars;
        if (substituted > MAX_SUBSTITUTED_CHARS) {
            throw new LimitExceeded("variable substitutions in this Dockerfile produce more than "
                    + String.format("%,d", MAX_SUBSTITUTED_CHARS) + " characters in all");
        }
    }

    /** Records {@code steps} of pattern matching. */
    void matched(long steps) throws LimitExceeded {
        matchSteps += steps;
        if (matchSteps > MAX_MATCH_STEPS) {
            throw new LimitExceeded("pattern substitutions in this Dockerfile take more than "
                    + String.format("%,d", MAX_MATCH_STEPS) + " matching steps");
        }
    }

    static void checkLength(int length) throws LimitExceeded {
        if (length > MAX_WORD_LENGTH) {
            throw new LimitExceeded("an expanded value is longer than " + String.format("%,d", MAX_WORD_LENGTH)
                    + " characters");
        }
    }

    /** A bound was passed; the message says which. */
    static final class LimitExceeded extends Exception {
        private static final long serialVersionUID = 1L;

        LimitExceeded(String message) {
            super(message + " (Image Factory's limit; see README, \"Dockerfiles\")");
        }
    }
}
