package io.jenkins.plugins.imagefactory.config;

/**
 * Input from outside (a config value, a request field, a build report) echoed back in a message:
 * control characters shown as {@code ?}, long values cut to their start and length, so an error
 * about a 100 KB value is one readable line, not the value again.
 */
public final class UntrustedText {

    /** Enough to recognise a value; never a pasted file. */
    public static final int MAX_ECHO = 80;

    private UntrustedText() {
    }

    /** {@code "value"}, or {@code "start…" (N characters)} for a long one. */
    public static String quote(String untrusted) {
        if (untrusted == null) {
            return "nothing";
        }
        String clean = untrusted.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= MAX_ECHO ? "\"" + clean + "\""
                : "\"" + clean.substring(0, MAX_ECHO) + "…\" (" + clean.length() + " characters)";
    }
}
