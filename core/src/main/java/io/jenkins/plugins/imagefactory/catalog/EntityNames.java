package io.jenkins.plugins.imagefactory.catalog;

import io.jenkins.plugins.imagefactory.image.ImageReference;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Backstage entity names for image references: valid by Backstage's rules (1-63 characters,
 * alphanumerics separated by single {@code - _ .}), readable ({@code python-3.12-slim},
 * {@code ghcr.io-acme-app-latest}), stable across syncs, and unique: references that sanitise alike
 * (or were shortened) get a short hash of their canonical form.
 */
public final class EntityNames {

    static final int MAX = 63;
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*");

    private EntityNames() {
    }

    /** A name for each reference, by canonical reference. */
    public static Map<String, String> assign(Collection<ImageReference> references) {
        Map<String, String> readable = new TreeMap<>();
        Map<String, Integer> uses = new HashMap<>();
        for (ImageReference reference : references) {
            String name = readable(reference);
            readable.put(reference.canonical(), name);
            uses.merge(name, 1, Integer::sum);
        }
        Map<String, String> out = new TreeMap<>();
        readable.forEach((canonical, name) -> {
            boolean shortened = name.length() > MAX;
            out.put(canonical, uses.get(name) > 1 || shortened ? withHash(name, canonical) : name);
        });
        return out;
    }

    /** The familiar reference with every run of characters Backstage refuses turned into one '-'. */
    static String readable(ImageReference reference) {
        String familiar = reference.familiar().toLowerCase(Locale.ROOT);
        if (reference.hasDigest()) {
            familiar = familiar.substring(0, familiar.indexOf('@') + 1) + reference.digest().substring(
                    reference.digest().indexOf(':') + 1, reference.digest().indexOf(':') + 13);
        }
        String cleaned = keepDots(familiar);
        return cleaned.isEmpty() ? "image" : cleaned;
    }

    private static String keepDots(String familiar) {
        StringBuilder out = new StringBuilder();
        boolean separatorPending = false;
        char pending = '-';
        for (char c : familiar.toCharArray()) {
            boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (alphanumeric) {
                if (separatorPending && !out.isEmpty()) {
                    out.append(pending);
                }
                separatorPending = false;
                out.append(c);
            } else {
                // A lone '.' or '_' survives (python-3.12-slim); anything else, or a run, becomes '-'.
                pending = separatorPending ? '-' : (c == '.' || c == '_' ? c : '-');
                separatorPending = true;
            }
        }
        return out.toString();
    }

    private static String withHash(String name, String canonical) {
        String hash = hash(canonical).substring(0, 8);
        String head = name.substring(0, Math.min(name.length(), MAX - hash.length() - 1));
        while (!head.isEmpty() && !Character.isLetterOrDigit(head.charAt(head.length() - 1))) {
            head = head.substring(0, head.length() - 1);
        }
        return head.isEmpty() ? hash : head + "-" + hash;
    }

    public static boolean isValid(String name) {
        return name.length() <= MAX && VALID.matcher(name).matches();
    }

    static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
