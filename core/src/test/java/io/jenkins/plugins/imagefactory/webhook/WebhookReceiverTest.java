package io.jenkins.plugins.imagefactory.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagefactory.secret.Secret;
import io.jenkins.plugins.imagefactory.webhook.WebhookResult.Rejected;
import io.jenkins.plugins.imagefactory.webhook.WebhookResult.Status;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookReceiverTest {

    private final WebhookReceiver receiver = Deliveries.receiver();

    @Test
    void unknown_and_unconfigured_kinds_are_unknown_kind() {
        WebhookResult unknown = receiver.receive(new WebhookRequest("quay", null, new byte[0], null));
        WebhookResult unconfigured = WebhookReceiver.of(WebhookEndpoint.ghcr(Deliveries.GHCR_SECRET))
                .receive(Deliveries.dockerHub(Deliveries.fixture("dockerhub/push.json")));

        assertThat(unknown).isEqualTo(new Rejected(Status.UNKNOWN_KIND,
                "unknown webhook kind \"quay\"; expected one of distribution, ghcr, dockerhub, harbor"));
        assertThat(unknown.httpStatus()).isEqualTo(404);
        assertThat(unconfigured).isEqualTo(new Rejected(Status.UNKNOWN_KIND, "no dockerhub webhook is configured here"));
    }

    @Test
    void kind_path_segment_is_case_insensitive() {
        WebhookRequest upper = new WebhookRequest("DockerHub", null, Deliveries.fixture("dockerhub/push.json"),
                java.util.Map.of("token", List.of(Deliveries.DOCKERHUB_TOKEN)));

        assertThat(receiver.receive(upper)).isInstanceOf(WebhookResult.Accepted.class);
    }

    @Test
    void oversized_body_is_rejected_before_it_is_read() {
        byte[] huge = new byte[WebhookReceiver.DEFAULT_MAX_BODY_BYTES + 1];
        Arrays.fill(huge, (byte) ' ');

        WebhookResult result = receiver.receive(Deliveries.distribution(huge));

        assertThat(result).isEqualTo(new Rejected(Status.BAD_REQUEST,
                "body has 1048577 bytes; a distribution webhook body may have at most 1048576"));
    }

    @Test
    void nesting_bombs_duplicate_keys_and_empty_bodies_are_bad_requests() {
        String deep = "{\"events\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertThat(message(Deliveries.distribution(deep.getBytes(StandardCharsets.UTF_8)))).contains("not valid JSON");
        assertThat(message(Deliveries.distribution("{\"events\":[],\"events\":[]}".getBytes(StandardCharsets.UTF_8))))
                .contains("Duplicate field 'events'");
        assertThat(message(Deliveries.distribution(new byte[0]))).contains("body is empty");
        assertThat(message(Deliveries.distribution(new byte[] {(byte) 0xff, (byte) 0xfe}))).contains("not valid JSON");
    }

    @Test
    void echoed_payload_values_are_bounded_and_cannot_forge_log_lines() {
        String tag = "x".repeat(10_000) + "\nINJECTED";
        String body = "{\"push_data\":{\"tag\":\"" + tag.replace("\n", "\\n") + "\"},\"repository\":{\"repo_name\":\"a/b\"}}";

        String message = message(Deliveries.dockerHub(body.getBytes(StandardCharsets.UTF_8)));

        assertThat(message).hasSizeLessThan(300).doesNotContain("\n").contains("(10009 chars)");
    }

    @Test
    void a_null_request_is_a_bad_request_not_an_exception() {
        assertThat(receiver.receive(null)).isEqualTo(new Rejected(Status.BAD_REQUEST, "no request"));
    }

    @Test
    void configuration_refuses_duplicates_empty_secrets_and_non_hosts() {
        assertThatThrownBy(() -> WebhookReceiver.of(WebhookEndpoint.ghcr(Secret.token("a")),
                WebhookEndpoint.ghcr(Secret.token("b"))))
                .hasMessageContaining("two ghcr webhook endpoints");
        assertThatThrownBy(() -> WebhookEndpoint.dockerHub(Secret.token("")))
                .hasMessageContaining("secret is empty");
        assertThatThrownBy(() -> WebhookEndpoint.distribution("myregistry", Secret.token("t")))
                .hasMessageContaining("\"myregistry\" is not a registry host");
        assertThatThrownBy(() -> WebhookEndpoint.harbor("bad host", Secret.token("t")))
                .hasMessageContaining("invalid registry host \"bad host\"");
        assertThat(WebhookEndpoint.distribution("localhost:5000", Secret.token("t")).registryHost())
                .isEqualTo("localhost:5000");
    }

    private String message(WebhookRequest request) {
        WebhookResult result = receiver.receive(request);
        assertThat(result).isInstanceOf(Rejected.class);
        assertThat(((Rejected) result).status()).isEqualTo(Status.BAD_REQUEST);
        return ((Rejected) result).message();
    }
}
