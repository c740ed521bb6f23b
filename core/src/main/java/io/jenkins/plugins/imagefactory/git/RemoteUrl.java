package io.jenkins.plugins.imagefactory.git;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.transport.URIish;

/**
 * A config repo location as the user wrote it (https, ssh, scp-like {@code git@host:path}, file://
 * or a local path), split into what git connects to and what may be shown. A password embedded in
 * the URL is taken out and kept only for the credentials provider: it is never written to the
 * clone's {@code .git/config}, logged or shown.
 */
final class RemoteUrl {

    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*");
    // user@host:path, but not a Windows drive letter such as C:\ or C:/
    private static final Pattern SCP_LIKE = Pattern.compile("^(?:[^@/\\\\]+@)?[^@/\\\\:]{2,}:.*");

    private final String connectUrl;
    private final String displayUrl;
    private final Path localPath;
    private final String embeddedUser;
    private final String embeddedPassword;

    private RemoteUrl(String connectUrl, String displayUrl, Path localPath, String embeddedUser, String embeddedPassword) {
        this.connectUrl = connectUrl;
        this.displayUrl = displayUrl;
        this.localPath = localPath;
        this.embeddedUser = embeddedUser;
        this.embeddedPassword = embeddedPassword;
    }

    static RemoteUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("config repo URL must not be empty: give an https, ssh or file URL or a local path");
        }
        String trimmed = url.trim();
        boolean hasScheme = SCHEME.matcher(trimmed).matches();
        if (!hasScheme && !SCP_LIKE.matcher(trimmed).matches()) {
            Path path = Path.of(trimmed).toAbsolutePath().normalize();
            return new RemoteUrl(path.toString(), path.toString(), path, null, null);
        }
        URIish uri;
        try {
            uri = new URIish(trimmed);
        } catch (URISyntaxException e) {
            // the raw text may hold a password: show only its shape
            throw new IllegalArgumentException("config repo URL " + stripUserInfo(trimmed)
                    + " is not a valid git URL (expected https://host/path, ssh://host/path, git@host:path or file:///path)");
        }
        String scheme = uri.getScheme() == null ? "ssh" : uri.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "file" -> {
                Path path = Path.of(uri.getPath()).toAbsolutePath().normalize();
                return new RemoteUrl(path.toString(), path.toString(), path, null, null);
            }
            case "https", "http" -> {
                String user = uri.getUser();
                String password = uri.getPass();
                URIish bare = uri.setUser(null).setPass(null);
                return new RemoteUrl(bare.toString(), bare.toString(), null, user, password);
            }
            case "ssh", "git+ssh", "ssh+git", "git" -> {
                // the ssh user (usually "git") is part of the address, not a secret; a password is
                String password = uri.getPass();
                String connect = uri.setPass(null).toString();
                return new RemoteUrl(connect, uri.setUser(null).toString(), null, uri.getUser(), password);
            }
            default -> throw new IllegalArgumentException("config repo URL " + stripUserInfo(trimmed)
                    + " has unsupported scheme '" + scheme + "' (expected https, ssh, file or a local path)");
        }
    }

    /** Removes {@code user:password@} from every URL in a text; used on every message that leaves. */
    static String stripUserInfo(String text) {
        return text == null ? null : text.replaceAll("([A-Za-z][A-Za-z0-9+.-]*://)[^/@\\s]+@", "$1");
    }

    /** What git connects to: no password, ssh user kept. */
    String connectUrl() {
        return connectUrl;
    }

    /** What messages and logs show: no user-info at all. */
    String displayUrl() {
        return displayUrl;
    }

    /** Where credentials for this remote are sent: what the secret port is told. */
    URI target() {
        return localPath == null ? GitUrlTarget.of(connectUrl) : localPath.toUri();
    }

    /** Set when the URL names a directory on this machine (a path or file://). */
    Optional<Path> localPath() {
        return Optional.ofNullable(localPath);
    }

    Optional<String> embeddedUser() {
        return Optional.ofNullable(embeddedUser);
    }

    Optional<String> embeddedPassword() {
        return Optional.ofNullable(embeddedPassword);
    }

    @Override
    public String toString() {
        return displayUrl;
    }
}
