package io.jenkins.plugins.imagefactory.source;

import java.util.Objects;

/**
 * Why one requested file could not be read. The message names the repository without any user
 * info, so it is safe to log and show.
 *
 * @param repository the requested repository URL
 * @param branch     the requested branch
 * @param path       the requested path
 * @param kind       what went wrong, for callers that react differently (retry later, alert the owner)
 * @param message    what went wrong, where, and what was expected
 */
public record SourceFailure(String repository, String branch, String path, Kind kind, String message)
        implements SourceResult {

    /** What went wrong. */
    public enum Kind {
        /** The repository could not be reached (connection refused, timeout, server error). Worth retrying later. */
        UNREACHABLE,
        /** The repository does not exist at that URL, or is hidden from these credentials. */
        NO_SUCH_REPOSITORY,
        /** The server refused the credentials, or asked for credentials none were configured for. */
        AUTH,
        /** The repository has no such branch. */
        NO_SUCH_BRANCH,
        /** The branch has no file at that path. */
        NO_SUCH_FILE,
        /** The path names a directory, symbolic link or submodule rather than a file, or the file is too large. */
        NOT_A_FILE,
        /** The URL is malformed, uses a transport not supported yet (ssh), or embeds a password. */
        UNSUPPORTED_URL,
        /** The local mirror could not be written or read. */
        LOCAL_ERROR
    }

    public SourceFailure {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    static SourceFailure of(SourceRequest request, Kind kind, String message) {
        return new SourceFailure(request.repository(), request.branch(), request.path(), kind, message);
    }

    @Override
    public SourceRequest request() {
        return new SourceRequest(repository, branch, path);
    }

    @Override
    public String toString() {
        return "SourceFailure[" + RepositoryUrl.redact(repository) + "#" + branch + ":" + path + ", " + kind
                + ": " + message + "]";
    }
}
