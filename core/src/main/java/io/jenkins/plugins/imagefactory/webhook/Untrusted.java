package io.jenkins.plugins.imagefactory.webhook;

/** Quoting of sender-supplied text in messages: bounded, so a huge value cannot flood a log or response. */
final class Untrusted {

    static final int MAX_SHOWN = 80;

    private Untrusted() {
    }

    /** Longest message built from payload content that the receiver hands back or logs. */
    static final int MAX_MESSAGE = 400;

    /**
     * Makes a message that may embed sender text (ours, a parser's, a validator's) safe to log and
     * return: control characters replaced, length bounded.
     */
    static String message(String text) {
        String clean = replaceControls(text, text.length());
        return clean.length() <= MAX_MESSAGE ? clean : clean.substring(0, MAX_MESSAGE) + "…(truncated)";
    }

    private static String replaceControls(String text, int upTo) {
        StringBuilder out = new StringBuilder(Math.min(upTo, text.length()));
        for (int i = 0; i < Math.min(upTo, text.length()); i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        return out.toString();
    }

    static String quote(String text) {
        if (text == null) {
            return "null";
        }
        // Control characters would let a payload forge extra log lines.
        StringBuilder out = new StringBuilder("\"").append(replaceControls(text, MAX_SHOWN));
        if (text.length() > MAX_SHOWN) {
            out.append("…(").append(text.length()).append(" chars)");
        }
        return out.append('"').toString();
    }
}
