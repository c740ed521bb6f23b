package io.jenkins.plugins.imagefactory.status;

import java.util.Locale;

/**
 * Which build-run URLs may become links. They come from state files that anyone with push access
 * to the config repo can edit, so a {@code javascript:} or {@code data:} URL must never reach an
 * {@code href}: escaping HTML does not stop those.
 */
public final class Links {

    private Links() {
    }

    /**
     * The URL trimmed when it is {@code http(s)://…} or a path on the same server ({@code /job/app/3/},
     * what Jenkins records without a root URL); otherwise {@code null}.
     */
    public static String safeHref(String url) {
        if (url == null) {
            return null;
        }
        String trimmed = url.trim();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.startsWith("https://") || lower.startsWith("http://")) {
            return trimmed;
        }
        // "//host" is another server, and browsers read "/\host" the same way.
        boolean samePath = trimmed.startsWith("/") && trimmed.length() > 1 && trimmed.charAt(1) != '/' && trimmed.charAt(1) != '\\';
        return samePath ? trimmed : null;
    }
}
