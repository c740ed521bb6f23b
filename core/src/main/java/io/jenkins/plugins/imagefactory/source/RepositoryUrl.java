package io.jenkins.plugins.imagefactory.source;

import java.util.Locale;
import java.util.regex.Pattern;

/** What kind of git URL a repository string is, and how to show it without secrets. */
final class RepositoryUrl {

    enum Transport { LOCAL, HTTP, GIT, SSH, UNKNOWN }

    // scheme://userinfo@ — userinfo may hold a password or token, so it never reaches a message.
    private static final Pattern USERINFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/@\\s]*@");
    private static final Pattern SCHEME = Pattern.compile("(?i)^([a-z][a-z0-9+.-]*)://.*");
    // scp-like ssh syntax: [user@]host:path, where host has no slash and the path does not start with //
    private static final Pattern SCP_LIKE = Pattern.compile("^(?:[^@/\\s]+@)?[^:/\\s]{2,}:(?!//).*");

    private RepositoryUrl() {
    }

    /** The text with every {@code scheme://user:pass@} turned into {@code scheme://}. */
    static String redact(String text) {
        return text == null ? null : USERINFO.matcher(text).replaceAll("$1");
    }

    static Transport transportOf(String url) {
        var scheme = SCHEME.matcher(url);
        if (scheme.matches()) {
            return switch (scheme.group(1).toLowerCase(Locale.ROOT)) {
                case "file" -> Transport.LOCAL;
                case "http", "https" -> Transport.HTTP;
                case "git" -> Transport.GIT;
                case "ssh", "git+ssh", "ssh+git" -> Transport.SSH;
                default -> Transport.UNKNOWN;
            };
        }
        if (url.startsWith("/") || url.startsWith(".") || looksLikeWindowsPath(url)) {
            return Transport.LOCAL;
        }
        return SCP_LIKE.matcher(url).matches() ? Transport.SSH : Transport.LOCAL;
    }

    /** True when the URL carries {@code user:password@}: secrets belong in the secret store, not the config. */
    static boolean embedsPassword(String url) {
        var scheme = SCHEME.matcher(url);
        if (!scheme.matches()) {
            return false;
        }
        String rest = url.substring(url.indexOf("://") + 3);
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        int at = authority.lastIndexOf('@');
        return at >= 0 && authority.substring(0, at).contains(":");
    }

    private static boolean looksLikeWindowsPath(String url) {
        return url.length() > 2 && Character.isLetter(url.charAt(0)) && url.charAt(1) == ':'
                && (url.charAt(2) == '\\' || url.charAt(2) == '/');
    }
}
