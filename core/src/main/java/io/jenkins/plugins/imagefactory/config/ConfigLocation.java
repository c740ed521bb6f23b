package io.jenkins.plugins.imagefactory.config;

/**
 * A position in a config repo file, for messages.
 *
 * @param file   path relative to the config repo root, with {@code /} separators
 * @param line   1-based line
 * @param column 1-based column
 */
public record ConfigLocation(String file, int line, int column) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
