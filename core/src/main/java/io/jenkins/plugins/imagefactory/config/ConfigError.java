package io.jenkins.plugins.imagefactory.config;

/**
 * One validation problem, printed as {@code file:line:column: field.path: message}.
 *
 * @param location where the offending node is (for a missing field: its parent mapping)
 * @param field    dotted field path inside the document, or empty for the whole file
 * @param message  what is wrong and what was expected
 */
public record ConfigError(ConfigLocation location, String field, String message) implements Comparable<ConfigError> {

    /** Longest message, whatever a parser said. */
    static final int MAX_MESSAGE = 1_000;
    private static final java.util.regex.Pattern QUOTED =
            java.util.regex.Pattern.compile("\"([^\"]{" + (UntrustedText.MAX_ECHO + 1) + ",})\"");

    public ConfigError {
        message = shorten(message);
    }

    /** Quoted values cut as {@link UntrustedText#quote} cuts them (every reader quotes what it got); the whole capped too. */
    static String shorten(String message) {
        if (message == null) {
            return null;
        }
        java.util.regex.Matcher quoted = QUOTED.matcher(message);
        StringBuilder out = new StringBuilder();
        while (quoted.find()) {
            quoted.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(UntrustedText.quote(quoted.group(1))));
        }
        quoted.appendTail(out);
        String text = out.toString();
        return text.length() <= MAX_MESSAGE ? text
                : text.substring(0, MAX_MESSAGE) + "… (" + text.length() + " characters in all)";
    }

    @Override
    public int compareTo(ConfigError other) {
        int byFile = location.file().compareTo(other.location.file());
        if (byFile != 0) {
            return byFile;
        }
        int byLine = Integer.compare(location.line(), other.location.line());
        return byLine != 0 ? byLine : Integer.compare(location.column(), other.location.column());
    }

    @Override
    public String toString() {
        return location + ": " + (field.isEmpty() ? "" : field + ": ") + message;
    }
}
