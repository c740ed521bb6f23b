package io.jenkins.plugins.imagefactory.source;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The directory name of a repository's local mirror: a readable slug so people can find it, and a
 * hash of the URL so two URLs never share a mirror. The URL is redacted first, so no user info
 * ends up in the file system.
 */
final class MirrorDirectoryName {

    private static final int MAX_SLUG = 48;

    private MirrorDirectoryName() {
    }

    static String of(String repositoryUrl) {
        String url = RepositoryUrl.redact(repositoryUrl.strip());
        return slug(url) + "-" + HexFormat.of().formatHex(sha256(url), 0, 8);
    }

    private static String slug(String url) {
        String withoutScheme = url.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "");
        String slug = withoutScheme.replaceAll("\\.git/?$", "")
                .replaceAll("[^A-Za-z0-9._-]+", "-")
                .replaceAll("^[-.]+|[-.]+$", "")
                .toLowerCase(Locale.ROOT);
        if (slug.length() > MAX_SLUG) {
            // keep the end: the repository name is more telling than the host
            slug = slug.substring(slug.length() - MAX_SLUG).replaceAll("^[-.]+", "");
        }
        return slug.isEmpty() ? "repo" : slug;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK must provide SHA-256", e);
        }
    }
}
