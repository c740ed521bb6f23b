package io.jenkins.plugins.imagefactory.image;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An OCI platform such as {@code linux/amd64} or {@code linux/arm64/v8}.
 *
 * @param os           e.g. {@code linux}
 * @param architecture e.g. {@code amd64}
 * @param variant      e.g. {@code v8}, or {@code null}
 */
public record Platform(String os, String architecture, String variant) implements Comparable<Platform> {

    private static final Pattern PART = Pattern.compile("[a-z0-9_.-]+");

    public static final Platform LINUX_AMD64 = new Platform("linux", "amd64", null);

    public Platform {
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(architecture, "architecture");
        if (variant != null && variant.isEmpty()) {
            variant = null;
        }
    }

    /**
     * Parses {@code os/arch[/variant]}.
     *
     * @throws IllegalArgumentException naming the expected form
     */
    public static Platform parse(String text) {
        String[] parts = text == null ? new String[0] : text.split("/", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("invalid platform \"" + text + "\" (expected os/arch[/variant], e.g. linux/amd64)");
        }
        for (String part : parts) {
            if (!PART.matcher(part).matches()) {
                throw new IllegalArgumentException("invalid platform \"" + text + "\" (expected os/arch[/variant], e.g. linux/amd64)");
            }
        }
        return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
    }

    /**
     * Whether a manifest-index entry with this platform serves a build for {@code wanted}: same os
     * and architecture, and same variant when {@code wanted} names one.
     */
    public boolean satisfies(Platform wanted) {
        return os.equals(wanted.os) && architecture.equals(wanted.architecture)
                && (wanted.variant == null || wanted.variant.equals(variant));
    }

    @Override
    public int compareTo(Platform other) {
        return toString().compareTo(other.toString());
    }

    @Override
    public String toString() {
        return os + "/" + architecture + (variant != null ? "/" + variant : "");
    }
}
