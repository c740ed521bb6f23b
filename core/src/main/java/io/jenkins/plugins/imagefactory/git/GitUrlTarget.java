package io.jenkins.plugins.imagefactory.git;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import org.eclipse.jgit.transport.URIish;

/**
 * The URI a git URL sends credentials to, as the secret port wants it: scheme, host, port and
 * path, never user-info. {@code git@host:org/repo} becomes {@code ssh://host/org/repo}, a local
 * path a {@code file:} URI.
 */
public final class GitUrlTarget {

    private GitUrlTarget() {
    }

    public static URI of(String url) {
        try {
            URIish uri = new URIish(url.trim());
            if (uri.getHost() == null) {
                return Path.of(uri.getPath()).toAbsolutePath().normalize().toUri();
            }
            String scheme = uri.getScheme() == null ? "ssh" : uri.getScheme().toLowerCase(Locale.ROOT);
            String path = uri.getPath() == null || uri.getPath().startsWith("/") ? uri.getPath() : "/" + uri.getPath();
            return new URI(scheme, null, uri.getHost(), uri.getPort(), path, null, null);
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalArgumentException("not a git URL: " + RemoteUrl.stripUserInfo(url), e);
        }
    }
}
