package io.jenkins.plugins.imagefactory.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookRequestTest {

    @Test
    void header_names_are_case_insensitive_and_merged() {
        java.util.Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
        headers.put("X-GitHub-Event", List.of("ping"));
        headers.put("x-github-event", List.of("push"));
        WebhookRequest request = new WebhookRequest("ghcr", headers, new byte[0], null);

        assertThat(request.header("X-GITHUB-EVENT")).containsExactly("ping", "push");
        assertThat(request.header("absent")).isEmpty();
    }

    @Test
    void to_string_shows_neither_header_values_nor_query_values() {
        WebhookRequest request = new WebhookRequest("distribution",
                Map.of("Authorization", List.of("Bearer very-secret")),
                "{}".getBytes(StandardCharsets.UTF_8), Map.of("token", List.of("also-secret")));

        assertThat(request.toString()).doesNotContain("very-secret").doesNotContain("also-secret")
                .contains("Authorization").contains("2 bytes");
    }

    @Test
    void body_cannot_be_changed_after_construction() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        WebhookRequest request = new WebhookRequest("x", null, body, null);
        body[0] = 'X';
        request.body()[1] = 'Y';

        assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo("{}");
    }

    @Test
    void query_strings_are_decoded_and_repeated_names_kept() {
        assertThat(WebhookRequest.parseQueryString("token=a%2Bb%3D&x&token=2&bad=%zz"))
                .containsEntry("token", List.of("a+b=", "2"))
                .containsEntry("x", List.of(""))
                .containsEntry("bad", List.of("%zz"));
        assertThat(WebhookRequest.parseQueryString(null)).isEmpty();
    }
}
