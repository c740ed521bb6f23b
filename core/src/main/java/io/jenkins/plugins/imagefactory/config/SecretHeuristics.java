package io.jenkins.plugins.imagefactory.config;

import io.jenkins.plugins.imagefactory.secret.KnownSecrets;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Spots secret values written where the config expects a credentials <em>reference</em>. The config
 * repo is readable by many people and its history is forever, so a secret there is a leak.
 */
public final class SecretHeuristics {

    /** Env-var names and Jenkins credentials ids: letters, digits, {@code _ . -}, at most 128. */
    static final Pattern REFERENCE = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,127}");

    private static final Pattern KNOWN_TOKEN = KnownSecrets.TOKEN_FORMATS;

    /** Keys that only ever hold secrets; we accept none of them. */
    static final Set<String> SECRET_KEYS = Set.of("password", "passwd", "token", "apitoken", "api_token", "secretvalue",
            "accesstoken", "access_token", "privatekey", "private_key");

    /** Query parameters that carry signatures and keys in URLs (signed URLs, webhook tokens). */
    private static final Set<String> SECRET_QUERY_KEYS = Set.of("sig", "signature", "token", "key", "apikey", "api_key",
            "secret", "auth", "code", "x-amz-signature", "x-amz-credential", "x-goog-signature", "client_secret");

    private SecretHeuristics() {
    }

    /**
     * Why the value cannot be a credentials reference, or {@code null} when it can be one; hosts
     * check the references their administrators map (Jenkins) with the same rule.
     */
    public static String whyNotAReference(String value) {
        if (KNOWN_TOKEN.matcher(value).find()) {
            return "looks like a secret value; write the name of a credential (an environment variable in the CLI,"
                    + " a credentials id in Jenkins), never the secret itself";
        }
        if (!REFERENCE.matcher(value).matches()) {
            return "expected a credentials reference (letters, digits, _ . -, e.g. GHCR_TOKEN or ghcr-push), got a value"
                    + " that looks like a secret; never write secrets in the config repo";
        }
        if (value.length() >= 32 && looksRandom(value)) {
            return "looks like a secret value; write the name of a credential, never the secret itself";
        }
        return null;
    }

    static boolean isSecretKey(String key) {
        return SECRET_KEYS.contains(key.toLowerCase(Locale.ROOT));
    }

    /**
     * Whether a URL carries a password or token: in its user-info part, or in its query string
     * ({@code ?sig=…}, {@code ?token=…}, a known token format, a long random value).
     */
    static boolean hasInlineCredentials(String url) {
        try {
            URI uri = URI.create(url);
            String userInfo = uri.getRawUserInfo();
            if (userInfo != null && (userInfo.contains(":") || KNOWN_TOKEN.matcher(userInfo).find())) {
                return true;
            }
            return uri.getRawQuery() != null && querySecret(uri.getRawQuery());
        } catch (IllegalArgumentException notAUri) {
            return false;
        }
    }

    private static boolean querySecret(String query) {
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = (equals < 0 ? pair : pair.substring(0, equals)).toLowerCase(Locale.ROOT);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            if (value.isEmpty()) {
                continue;
            }
            if (SECRET_QUERY_KEYS.contains(name) || isSecretKey(name) || KNOWN_TOKEN.matcher(value).find()
                    || value.length() >= 24 && (looksRandom(value) || value.matches("[0-9a-fA-F]{32,}"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean looksRandom(String value) {
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        for (char c : value.toCharArray()) {
            upper |= Character.isUpperCase(c);
            lower |= Character.isLowerCase(c);
            digit |= Character.isDigit(c);
        }
        return upper && lower && digit && !value.contains("_") && !value.contains("-") && !value.contains(".");
    }
}
