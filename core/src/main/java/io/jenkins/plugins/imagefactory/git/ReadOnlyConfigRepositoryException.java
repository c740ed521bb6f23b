package io.jenkins.plugins.imagefactory.git;

import java.nio.file.Path;

/** A write was asked of a config repo opened from a plain directory, which can only be read. */
public final class ReadOnlyConfigRepositoryException extends GitStoreException {
    private static final long serialVersionUID = 1L;

    public ReadOnlyConfigRepositoryException(Path directory) {
        super("cannot publish to " + directory + ": it is a plain directory, not a git repository, so it can"
                + " only be read (validate, discover); `sync` needs git: point it at a git remote URL or run"
                + " `git init` there and commit the config");
    }
}
