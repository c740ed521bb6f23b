package io.jenkins.plugins.imagefactory.config;

/**
 * One validation problem, printed as {@code file:line:column: field.path: message}.
 *
 * @param location where the offending node is (for a missing field: its parent mapping)
 * @param field    dotted field path inside the document, or empty for the whole file
 * @param message  what is wrong and what was expected
 */
public record ConfigError(ConfigLocation location, String field, String message) implements Comparable<ConfigError> {

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
