package io.jenkins.plugins.imagefactory.webhook;

/** Quoting of sender-supplied text in messages: bounded, so a huge value cannot flood a log or response. */
final class Untrusted {

    static final int MAX_SHOWN = 80;

    private Untrusted() {
    }

    static String quote(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        int shown = Math.min(text.length(), MAX_SHOWN);
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            // Control characters would let a payload forge extra log lines.
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        if (text.length() > MAX_SHOWN) {
            out.append("…(").append(text.length()).append(" chars)");
        }
        return out.append('"').toString();
    }
}
