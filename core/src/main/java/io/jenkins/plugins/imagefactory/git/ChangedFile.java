package io.jenkins.plugins.imagefactory.git;

import java.util.Objects;

/**
 * One file a publish commit changed. A move shows as a deletion plus an addition.
 *
 * @param path repository-relative, with {@code /} separators
 */
public record ChangedFile(String path, Change change) {

    public enum Change { ADDED, MODIFIED, DELETED }

    public ChangedFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(change, "change");
    }

    @Override
    public String toString() {
        return change.name().charAt(0) + " " + path;
    }
}
