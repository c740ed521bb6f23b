package io.jenkins.plugins.imagefactory.webhook;

import static io.jenkins.plugins.imagefactory.webhook.Deliveries.dockerHub;
import static io.jenkins.plugins.imagefactory.webhook.Deliveries.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagefactory.webhook.WebhookResult.Accepted;
import io.jenkins.plugins.imagefactory.webhook.WebhookResult.Rejected;
import io.jenkins.plugins.imagefactory.webhook.WebhookResult.Status;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DockerHubWebhookTest {

    private final WebhookReceiver receiver = Deliveries.receiver();

    @Test
    void push_is_a_docker_io_hint_without_digest() {
        WebhookResult result = receiver.receive(dockerHub(fixture("dockerhub/push.json")));

        assertThat(result).isInstanceOf(Accepted.class);
        PushHint hint = ((Accepted) result).hints().get(0);
        assertThat(hint.reference().canonical()).isEqualTo("docker.io/acme/base-node:22-slim");
        assertThat(hint.claimedDigest()).isEmpty();
        assertThat(hint.pushedAt()).isEqualTo(Instant.ofEpochSecond(1741531466));
        assertThat(hint.actor()).isEqualTo("acmebuilder");
    }

    @Test
    void official_image_names_normalise_to_library() {
        String body = "{\"push_data\":{\"pushed_at\":1.417566161e9,\"pusher\":\"x\",\"tag\":\"3.20\"},"
                + "\"repository\":{\"repo_name\":\"alpine\"}}";

        WebhookResult result = receiver.receive(dockerHub(body.getBytes(StandardCharsets.UTF_8)));

        PushHint hint = ((Accepted) result).hints().get(0);
        assertThat(hint.reference().canonical()).isEqualTo("docker.io/library/alpine:3.20");
        assertThat(hint.pushedAt()).isEqualTo(Instant.ofEpochSecond(1417566161));
    }

    @Test
    void token_from_the_decoded_query_string_authenticates() {
        WebhookRequest request = new WebhookRequest("dockerhub", null, fixture("dockerhub/push.json"),
                WebhookRequest.parseQueryString("token=hub-7Zq2%2Btoken%2Fwith%3Dchars&other=1"));

        assertThat(receiver.receive(request)).isInstanceOf(Accepted.class);
    }

    @Test
    void missing_token_is_unauthorized_and_wrong_token_forbidden() {
        assertThat(status(receiver.receive(dockerHub(fixture("dockerhub/push.json"), null)))).isEqualTo(Status.UNAUTHORIZED);
        assertThat(status(receiver.receive(dockerHub(fixture("dockerhub/push.json"), "hub-7Zq2")))).isEqualTo(Status.FORBIDDEN);
    }

    @Test
    void a_payload_of_another_sender_is_a_bad_request() {
        WebhookResult result = receiver.receive(dockerHub(fixture("distribution/push-tagged.json")));

        assertThat(status(result)).isEqualTo(Status.BAD_REQUEST);
        assertThat(((Rejected) result).message()).contains("missing field /push_data");
    }

    @Test
    void wrong_types_and_impossible_times_are_bad_requests() {
        assertThat(message("{\"push_data\":{\"tag\":[\"x\"]},\"repository\":{\"repo_name\":\"a/b\"}}"))
                .contains("/push_data/tag must be a string but is an array");
        assertThat(message("{\"push_data\":{\"tag\":\"1\",\"pushed_at\":\"yesterday\"},\"repository\":{\"repo_name\":\"a/b\"}}"))
                .contains("/push_data/pushed_at must be a number");
        assertThat(message("{\"push_data\":{\"tag\":\"1\",\"pushed_at\":1e300},\"repository\":{\"repo_name\":\"a/b\"}}"))
                .contains("not epoch seconds");
        assertThat(message("{\"push_data\":{\"tag\":\"1\"},\"repository\":{\"repo_name\":\"a/b:c\"}}"))
                .contains("must not contain ':' or '@'");
    }

    private String message(String body) {
        WebhookResult result = receiver.receive(dockerHub(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(status(result)).isEqualTo(Status.BAD_REQUEST);
        return ((Rejected) result).message();
    }

    private static Status status(WebhookResult result) {
        assertThat(result).isInstanceOf(Rejected.class);
        return ((Rejected) result).status();
    }
}
