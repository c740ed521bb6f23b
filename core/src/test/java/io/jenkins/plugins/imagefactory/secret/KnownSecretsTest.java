package io.jenkins.plugins.imagefactory.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
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

    @Test
    void aSecretTheCapCutsInTwoLeavesNoPrefixBehind() {
        String token = "ghp_" + "Zq7".repeat(12);
        for (int at = 1; at < token.length(); at++) {
            // blank lines collapse to one space, so what the cap keeps of the token would be shown
            String body = "status 401\n" + "\n".repeat(400 - 11 - at) + token + " and the rest";
            String excerpt = KnownSecrets.excerpt(body, 100);
            assertThat(excerpt).as("cut %d characters into the token", at).doesNotContain("Zq7").endsWith("...");
        }
        assertThat(KnownSecrets.excerpt("short body", 100)).isEqualTo("short body");
    }

    @Test
    void anIoFailureQuotesItsMessageRedactedAndCapped() {
        java.io.IOException failure = new java.io.FileNotFoundException("{\"message\":\"Not Found\",\"echo\":\"Authorization: token "
                + "ghs_" + "a1b2".repeat(9) + "\"}" + " padding".repeat(200));
        String described = io.jenkins.plugins.imagefactory.retry.IoFailures.describe(failure);
        assertThat(described).doesNotContain("a1b2").contains("Not Found").endsWith("(FileNotFoundException)");
        assertThat(described.length()).isLessThan(400);
    }

    @Test
    void credentialsAreMaskedWhateverTheirCase() {
        assertThat(KnownSecrets.redact("PROXY-AUTHORIZATION: Negotiate abc")).isEqualTo("PROXY-AUTHORIZATION: ****");
        assertThat(KnownSecrets.redact("BeArEr a1b2c3d4e5f6g7h8i9")).isEqualTo("BeArEr ****");
        assertThat(KnownSecrets.redact("DIGEST 0123456789abcdefXYZ")).isEqualTo("DIGEST ****");
        assertThat(KnownSecrets.redact("HTTPS://Robot:pw@Registry.example/v2/")).isEqualTo("HTTPS://Registry.example/v2/");
        assertThat(KnownSecrets.redact("/blob?SIG=abc&Access_Token=xyz")).isEqualTo("/blob?SIG=****&Access_Token=****");
        assertThat(KnownSecrets.redact("key AKIA" + "ABCDEFGHIJKLMNOP")).isEqualTo("key ****");
    }

    /**
     * Each shape is tried only when its cheap test says the text could hold it; over many texts
     * made of the fragments credentials and ordinary records are made of, in every case mix, the
     * test never says no where the expression would have matched.
     */
    @Test
    void theCheapTestBeforeEachShapeNeverSkipsAMatch() {
        List<String> fragments = List.of("Bearer ", "token ", "basic ", "Digest ", "authorization", "Proxy-Authorization",
                "x-api-key", "private-token", "cookie", ": ", "=", "\"", "?", "&", "sig=", "access_token=", "x-amz-signature=",
                "https://", "git+ssh://", "user:pw@", "@", "/", "ghp_", "gho_", "github_pat_", "glpat-", "dckr_pat_", "xoxb-",
                "AKIA", "npm_", "eyJ", "abcdefghij0123456789", "ABCDEFGHIJKLMNOP", "0123456789abcdef", "sha256:", " ",
                "ghcr.io/acme/app:1.0", "2026-12-03T00:00:00Z", "-", ".", "_", "\u212a", "\u0130");
        Random random = new Random(20261203);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = 1 + random.nextInt(6); n > 0; n--) {
                String fragment = fragments.get(random.nextInt(fragments.size()));
                text.append(switch (random.nextInt(3)) {
                    case 0 -> fragment.toUpperCase(Locale.ROOT);
                    case 1 -> fragment.toLowerCase(Locale.ROOT);
                    default -> fragment;
                });
            }
            texts.add(text.toString());
        }
        int[] matched = new int[KnownSecrets.SHAPES.size()];
        for (String text : texts) {
            for (int s = 0; s < matched.length; s++) {
                KnownSecrets.Shape shape = KnownSecrets.SHAPES.get(s);
                if (shape.pattern().matcher(text).find()) {
                    matched[s]++;
                    assertThat(shape.mayMatch().test(text, text.toLowerCase(Locale.ROOT)))
                            .as("%s may match %s", shape.pattern(), text).isTrue();
                }
            }
        }
        // the texts do hit every shape, many times
        assertThat(java.util.Arrays.stream(matched).min().orElseThrow()).as("matches per shape %s", java.util.Arrays.toString(matched))
                .isGreaterThan(50);
    }
}
