package io.jenkins.plugins.imagefactory.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class KnownSecretsTest {

    @Test
    void aResolvedSecretIsMaskedRawEncodedAndAsBasicCredentials() {
        Secret.usernamePassword("deploy", "pa ss/w0rd&more");
        String basic = Base64.getEncoder().encodeToString("deploy:pa ss/w0rd&more".getBytes(StandardCharsets.UTF_8));
        assertThat(KnownSecrets.redact("raw pa ss/w0rd&more, encoded pa+ss%2Fw0rd%26more, header " + basic))
                .isEqualTo("raw ****, encoded ****, header ****");
    }

    @Test
    void credentialShapedTextIsMaskedEvenIfNeverResolvedHere() {
        assertThat(KnownSecrets.redact("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc123def456"))
                .doesNotContain("eyJhbGci");
        assertThat(KnownSecrets.redact("{\"authorization\":\"token 0123456789abcdef0123\"}")).doesNotContain("0123456789abcdef");
        assertThat(KnownSecrets.redact("saw ghp_" + "a1".repeat(18) + " and github_pat_" + "B2".repeat(20)))
                .isEqualTo("saw **** and ****");
        assertThat(KnownSecrets.redact("GET https://store.example/blob?X-Amz-Signature=abcd1234&sig=zz9&n=1"))
                .isEqualTo("GET https://store.example/blob?X-Amz-Signature=****&sig=****&n=1");
        assertThat(KnownSecrets.redact("clone https://user:hunter2@git.example/r.git")).isEqualTo("clone https://git.example/r.git");
    }

    @Test
    void ordinaryWordsStayReadable() {
        String text = "token rotation is due; basic auth disabled; bearer of bad news; sha256:"
                + "0123456789abcdef".repeat(4);
        assertThat(KnownSecrets.redact(text)).isEqualTo(text);
    }

    @Test
    void anExcerptIsOneLineCappedAndRedacted() {
        String body = "line one\nline two Bearer abcdefgh12345678zz\n" + "x".repeat(10_000);
        String excerpt = KnownSecrets.excerpt(body, 100);
        assertThat(excerpt).hasSizeLessThanOrEqualTo(100).doesNotContain("\n").doesNotContain("abcdefgh12345678")
                .startsWith("line one line two Bearer ****").endsWith("...");
    }
}
