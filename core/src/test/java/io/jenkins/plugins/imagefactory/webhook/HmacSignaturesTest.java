package io.jenkins.plugins.imagefactory.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagefactory.secret.Secret;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HmacSignaturesTest {

    private static final Secret SECRET = Secret.token("It's a Secret to Everybody");
    private static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    /** The test vector GitHub publishes in "Validating webhook deliveries". */
    private static final String GITHUB_VECTOR = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    @Test
    void signs_like_github() {
        assertThat(HmacSignatures.sign(SECRET, BODY)).isEqualTo(GITHUB_VECTOR);
    }

    @Test
    void verifies_githubs_vector_and_rejects_any_change() {
        assertThat(HmacSignatures.verify(SECRET, BODY, GITHUB_VECTOR)).isEqualTo(HmacSignatures.Verification.VALID);
        assertThat(HmacSignatures.verify(SECRET, "Hello, World?".getBytes(StandardCharsets.UTF_8), GITHUB_VECTOR))
                .isEqualTo(HmacSignatures.Verification.MISMATCH);
        assertThat(HmacSignatures.verify(Secret.token("another"), BODY, GITHUB_VECTOR))
                .isEqualTo(HmacSignatures.Verification.MISMATCH);
        assertThat(HmacSignatures.verify(SECRET, BODY, GITHUB_VECTOR.replace("757107", "757108")))
                .isEqualTo(HmacSignatures.Verification.MISMATCH);
    }

    @Test
    void uppercase_hex_is_the_same_signature() {
        String upper = "sha256=" + GITHUB_VECTOR.substring(7).toUpperCase(java.util.Locale.ROOT);
        assertThat(HmacSignatures.verify(SECRET, BODY, upper).isValid()).isTrue();
    }

    @Test
    void tells_missing_from_malformed() {
        assertThat(HmacSignatures.verify(SECRET, BODY, null)).isEqualTo(HmacSignatures.Verification.MISSING);
        assertThat(HmacSignatures.verify(SECRET, BODY, "")).isEqualTo(HmacSignatures.Verification.MISSING);
        assertThat(HmacSignatures.verify(SECRET, BODY, GITHUB_VECTOR.substring(7)))
                .isEqualTo(HmacSignatures.Verification.MALFORMED);
        assertThat(HmacSignatures.verify(SECRET, BODY, "sha256=" + "zz".repeat(32)))
                .isEqualTo(HmacSignatures.Verification.MALFORMED);
        assertThat(HmacSignatures.verify(SECRET, BODY, GITHUB_VECTOR + "00"))
                .isEqualTo(HmacSignatures.Verification.MALFORMED);
    }

    @Test
    void refuses_an_empty_secret_without_showing_it() {
        assertThatThrownBy(() -> HmacSignatures.sign(Secret.token(""), BODY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
    }
}
