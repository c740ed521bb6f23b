package io.jenkins.plugins.imagefactory.webhook;

import io.jenkins.plugins.imagefactory.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * GitHub-style body signatures: {@code sha256=<lowercase hex HMAC-SHA256 of the raw body>}, keyed
 * with a shared secret. Used to verify GitHub deliveries ({@link #GITHUB_HEADER}), the config
 * repository's {@code push} webhook, and to sign Image Factory's own outgoing triggers
 * ({@link #IMAGE_FACTORY_HEADER}).
 */
public final class HmacSignatures {

    public static final String GITHUB_HEADER = "X-Hub-Signature-256";
    public static final String IMAGE_FACTORY_HEADER = "X-Image-Factory-Signature-256";
    public static final String PREFIX = "sha256=";

    private static final String ALGORITHM = "HmacSHA256";
    private static final int SIGNATURE_BYTES = 32;

    /** Why a presented signature was or was not accepted; never says what the right one was. */
    public enum Verification {
        VALID,
        /** No signature header at all. */
        MISSING,
        /** Not {@code sha256=} followed by 64 hex digits. */
        MALFORMED,
        /** Well-formed, but not the HMAC of this body with the configured secret. */
        MISMATCH;

        public boolean isValid() {
            return this == VALID;
        }
    }

    private HmacSignatures() {
    }

    /** The header value to send with {@code body}: {@code sha256=} and 64 lowercase hex digits. */
    public static String sign(Secret key, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(hmac(key, body));
    }

    /**
     * Checks a presented header value against the body, comparing in constant time so that the
     * response time does not reveal how much of a forged signature was right.
     *
     * @param presented the header value as received, or {@code null} when the header was absent
     */
    public static Verification verify(Secret key, byte[] body, String presented) {
        Objects.requireNonNull(body, "body");
        if (presented == null || presented.isEmpty()) {
            return Verification.MISSING;
        }
        byte[] claimed = decode(presented);
        if (claimed == null) {
            return Verification.MALFORMED;
        }
        return MessageDigest.isEqual(hmac(key, body), claimed) ? Verification.VALID : Verification.MISMATCH;
    }

    private static byte[] decode(String presented) {
        if (!presented.startsWith(PREFIX) || presented.length() != PREFIX.length() + 2 * SIGNATURE_BYTES) {
            return null;
        }
        try {
            return HexFormat.of().parseHex(presented, PREFIX.length(), presented.length());
        } catch (IllegalArgumentException notHex) {
            return null;
        }
    }

    private static byte[] hmac(Secret key, byte[] body) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(body, "body");
        byte[] keyBytes = key.value().getBytes(StandardCharsets.UTF_8);
        if (keyBytes.length == 0) {
            throw new IllegalArgumentException("HMAC secret is empty; configure a non-empty webhook secret");
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(keyBytes, ALGORITHM));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            // Every Java 17 runtime must provide HmacSHA256; reaching this is a broken JDK.
            throw new IllegalStateException(ALGORITHM + " is not available in this JVM", e);
        }
    }
}
