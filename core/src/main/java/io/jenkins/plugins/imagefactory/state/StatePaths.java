package io.jenkins.plugins.imagefactory.state;

import io.jenkins.plugins.imagefactory.image.ImageReference;
import java.nio.charset.StandardCharsets;

/**
 * Where an image's state file lives: {@code <registry>/<repository>/<tag>.yaml}, with every
 * character outside {@code [A-Za-z0-9._-]} percent-encoded so that hosts with ports, IPv6 literals
 * and digest-only references give valid, distinct, portable paths.
 */
public final class StatePaths {

    private StatePaths() {
    }

    /** The path of {@code reference}'s file, relative to the images (or archive) folder. */
    public static String relativeFile(ImageReference reference) {
        StringBuilder out = new StringBuilder(encode(reference.registry()));
        for (String segment : reference.repository().split("/")) {
            out.append('/').append(encode(segment));
        }
        String leaf = reference.hasTag() ? reference.tag() : "@" + reference.digest();
        if (reference.hasTag() && reference.hasDigest()) {
            leaf = reference.tag() + "@" + reference.digest();
        }
        return out.append('/').append(encode(leaf)).append(".yaml").toString();
    }

    static String encode(String segment) {
        StringBuilder out = new StringBuilder(segment.length());
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (safe && !(out.isEmpty() && c == '.')) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
