package io.jenkins.plugins.imagefactory.source;

import java.util.Objects;

/**
 * A file read from a branch tip.
 *
 * @param repository the requested repository URL
 * @param branch     the requested branch
 * @param path       the file's path inside the repository
 * @param commitId   the full hex id of the branch tip the file was read from
 * @param text       the file's content, decoded as UTF-8
 */
public record SourceFile(String repository, String branch, String path, String commitId, String text)
        implements SourceResult {

    public SourceFile {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(commitId, "commitId");
        Objects.requireNonNull(text, "text");
    }

    @Override
    public SourceRequest request() {
        return new SourceRequest(repository, branch, path);
    }

    @Override
    public String toString() {
        return "SourceFile[" + RepositoryUrl.redact(repository) + "#" + branch + ":" + path + "@" + commitId
                + ", " + text.length() + " chars]";
    }
}
