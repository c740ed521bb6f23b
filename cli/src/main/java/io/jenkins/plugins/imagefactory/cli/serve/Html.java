package io.jenkins.plugins.imagefactory.cli.serve;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Escaping for the dashboard: every value from config, state or a registry goes through here. */
final class Html {

    private Html() {
    }

    /** Text and attribute values alike (quotes included), so one function is safe everywhere. */
    static String escape(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** The dashboard path of an image: its enrollment name or its reference as one path segment. */
    static String imagePath(String nameOrRef) {
        return "/images/" + URLEncoder.encode(nameOrRef, StandardCharsets.UTF_8);
    }

    /** {@code sha256:0123456789ab}: enough to tell digests apart at a glance. */
    static String shortDigest(String digest) {
        if (digest == null) {
            return "";
        }
        int colon = digest.indexOf(':');
        int end = Math.min(digest.length(), colon + 1 + 12);
        return digest.substring(0, end);
    }

    /** A {@code <time>} element: machine-readable attribute, readable UTC text. */
    static String time(Instant at) {
        if (at == null) {
            return "";
        }
        String iso = at.truncatedTo(ChronoUnit.SECONDS).toString();
        return "<time datetime=\"" + escape(iso) + "\">"
                + escape(DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.MINUTES)).replace("T", " ")
                .replace(":00Z", " UTC")) + "</time>";
    }
}
