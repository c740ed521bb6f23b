package io.jenkins.plugins.imagefactory.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** What a failed command prints after {@code error: }: what went wrong and where, never a bare exception name. */
final class CliErrors {

    private CliErrors() {
    }

    static String describe(Exception e) {
        if (e instanceof NoSuchFileException missing) {
            return "no such file: " + missing.getFile() + where(missing.getFile());
        }
        if (e instanceof AccessDeniedException denied) {
            return "cannot read " + denied.getFile() + where(denied.getFile()) + ": permission denied";
        }
        if (e instanceof FileSystemException other) {
            return "cannot use " + other.getFile() + where(other.getFile()) + ": " + other.getReason();
        }
        if (e.getMessage() == null || e.getMessage().isBlank()) {
            return e.getClass().getSimpleName() + (e.getCause() == null ? "" : ": " + describeCause(e.getCause()));
        }
        return e.getMessage();
    }

    /** For a relative path, the directory it was looked for in. */
    private static String where(String file) {
        if (file == null) {
            return "";
        }
        Path path = Path.of(file);
        return path.isAbsolute() ? "" : " (looked for " + path.toAbsolutePath().normalize() + ")";
    }

    private static String describeCause(Throwable cause) {
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
