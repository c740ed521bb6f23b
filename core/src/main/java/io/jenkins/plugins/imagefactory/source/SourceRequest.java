package io.jenkins.plugins.imagefactory.source;

import io.jenkins.plugins.imagefactory.config.Source;
import java.util.Objects;

/**
 * One file to read from one branch of one git repository.
 *
 * @param repository git URL as written in the config (https, file, or a local path)
 * @param branch     branch name without {@code refs/heads/}
 * @param path       file path inside the repository, {@code /}-separated, without {@code ./} prefix
 */
public record SourceRequest(String repository, String branch, String path) {

    public SourceRequest {
        repository = requireText(repository, "repository").strip();
        branch = normaliseBranch(requireText(branch, "branch").strip());
        path = normalisePath(requireText(path, "path").strip());
    }

    /** The Dockerfile an enrollment's source names, with the config's defaults for missing parts. */
    public static SourceRequest of(Source source) {
        Objects.requireNonNull(source, "source");
        return new SourceRequest(source.repository(),
                orDefault(source.branch(), Source.DEFAULT_BRANCH),
                orDefault(source.dockerfile(), Source.DEFAULT_DOCKERFILE));
    }

    public RepositoryBranch repositoryBranch() {
        return new RepositoryBranch(repository, branch);
    }

    private static String normaliseBranch(String branch) {
        String name = branch.startsWith("refs/heads/") ? branch.substring("refs/heads/".length()) : branch;
        if (name.isEmpty() || name.startsWith("-") || name.contains("..") || name.endsWith("/")
                || name.chars().anyMatch(c -> c <= ' ' || c == ':' || c == '~' || c == '^' || c == '?'
                        || c == '*' || c == '[' || c == '\\')) {
            throw new IllegalArgumentException("branch '" + branch + "' is not a valid git branch name");
        }
        return name;
    }

    private static String normalisePath(String path) {
        String normalised = path.replace('\\', '/');
        while (normalised.startsWith("./")) {
            normalised = normalised.substring(2);
        }
        while (normalised.startsWith("/")) {
            normalised = normalised.substring(1);
        }
        normalised = normalised.replaceAll("/+", "/").replaceAll("(/\\.)+(?=/|$)", "");
        if (normalised.endsWith("/")) {
            normalised = normalised.substring(0, normalised.length() - 1);
        }
        for (String segment : normalised.split("/")) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.equals(".git")) {
                throw new IllegalArgumentException("path '" + path
                        + "' must name a file inside the repository (no '..', no '.git', not empty)");
            }
        }
        return normalised;
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " of a source request must not be empty");
        }
        return value;
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
