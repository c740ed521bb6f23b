package io.jenkins.plugins.imagefactory.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Secret comparison whose timing reveals neither the matching prefix nor the secret's length. */
final class ConstantTime {

    private ConstantTime() {
    }

    /**
     * Compares the SHA-256 of both strings rather than the strings: {@link MessageDigest#isEqual}
     * is constant-time only for equal lengths, and hashing first makes every length equal.
     */
    static boolean equals(String presented, String expected) {
        if (presented == null || expected == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(presented), sha256(expected));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
