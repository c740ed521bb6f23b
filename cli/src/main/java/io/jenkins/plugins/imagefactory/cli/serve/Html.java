package io.jenkins.plugins.imagefactory.cli.serve;

import io.jenkins.plugins.imagefactory.status.StatusText;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Escaping for the dashboard: every value from config, state or a registry goes through here. */
final class Html {

    private Html() {
    }

    /** Text and attribute values alike: core's escaping, which Jenkins' pages share. */
    static String escape(Object value) {
        return io.jenkins.plugins.imagefactory.status.Markup.escape(value);
    }

    /** The dashboard path of an image: its enrollment name or its reference as one path segment. */
    static String imagePath(String nameOrRef) {
        return "/images/" + URLEncoder.encode(nameOrRef, StandardCharsets.UTF_8);
    }

    /** {@code sha256:0123456789ab}: enough to tell digests apart at a glance. */
    static String shortDigest(String digest) {
        return digest == null ? "" : StatusText.shortDigest(digest);
    }

    /** A {@code <time>} element: machine-readable attribute, UTC text to the second. */
    static String time(Instant at) {
        if (at == null) {
            return "";
        }
        return "<time datetime=\"" + escape(at.truncatedTo(ChronoUnit.SECONDS).toString()) + "\">"
                + escape(StatusText.time(at)) + "</time>";
    }
}
