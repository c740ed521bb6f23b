package io.jenkins.plugins.imagefactory.source;

import io.jenkins.plugins.imagefactory.config.Source;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything a Dockerfile discovery result depends on. Equal keys mean the previous discovery can
 * be reused: same file at the same commit, read with the same build args and target.
 *
 * @param repository repository URL
 * @param branch     branch
 * @param path       Dockerfile path
 * @param commitId   commit the Dockerfile was read from
 * @param buildArgs  build args, sorted by name
 * @param target     target stage, or {@code null} for the last one
 */
public record SourceKey(String repository, String branch, String path, String commitId,
                        SortedMap<String, String> buildArgs, String target) {

    public SourceKey {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(commitId, "commitId");
        buildArgs = Collections.unmodifiableSortedMap(new TreeMap<>(buildArgs));
        target = target == null || target.isBlank() ? null : target;
    }

    /** The key of an enrollment's source as read at {@code commitId}. */
    public static SourceKey of(Source source, String commitId) {
        SourceRequest request = SourceRequest.of(source);
        return new SourceKey(request.repository(), request.branch(), request.path(), commitId,
                new TreeMap<>(source.buildArgs()), source.target());
    }

    /** The key of a file just read, for the build args and target it will be analysed with. */
    public static SourceKey of(SourceFile file, Map<String, String> buildArgs, String target) {
        return new SourceKey(file.repository(), file.branch(), file.path(), file.commitId(),
                new TreeMap<>(buildArgs), target);
    }

    /**
     * A stable hex SHA-256 of the key, for storing next to a cached discovery. Every field is
     * length-prefixed so no two different keys encode alike.
     */
    public String fingerprint() {
        StringBuilder canonical = new StringBuilder();
        append(canonical, repository);
        append(canonical, branch);
        append(canonical, path);
        append(canonical, commitId);
        append(canonical, target == null ? "" : "=" + target);
        canonical.append(buildArgs.size()).append(';');
        buildArgs.forEach((name, value) -> {
            append(canonical, name);
            append(canonical, value == null ? "" : value);
        });
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK must provide SHA-256", e);
        }
    }

    private static void append(StringBuilder out, String field) {
        out.append(field.length()).append(':').append(field);
    }

    @Override
    public String toString() {
        return "SourceKey[" + RepositoryUrl.redact(repository) + "#" + branch + ":" + path + "@" + commitId
                + ", buildArgs=" + buildArgs.keySet() + ", target=" + target + "]";
    }
}
