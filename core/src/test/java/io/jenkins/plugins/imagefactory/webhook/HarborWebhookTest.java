package io.jenkins.plugins.imagefactory.webhook;

import static io.jenkins.plugins.imagefactory.webhook.Deliveries.DIGEST_1;
import static io.jenkins.plugins.imagefactory.webhook.Deliveries.fixture;
import static io.jenkins.plugins.imagefactory.webhook.Deliveries.harbor;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagefactory.webhook.WebhookResult.Accepted;
import io.jenkins.plugins.imagefactory.webhook.WebhookResult.Ignored;
import io.jenkins.plugins.imagefactory.webhook.WebhookResult.Rejected;
import io.jenkins.plugins.imagefactory.webhook.WebhookResult.Status;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HarborWebhookTest {

    private final WebhookReceiver receiver = Deliveries.receiver();

    @Test
    void push_artifact_is_a_hint_on_the_configured_host() {
        WebhookResult result = receiver.receive(harbor(fixture("harbor/push-artifact.json")));

        assertThat(result).isInstanceOf(Accepted.class);
        PushHint hint = ((Accepted) result).hints().get(0);
        // resource_url says harbor.internal; the configured host wins.
        assertThat(hint.reference().canonical()).isEqualTo("harbor.example.com/platform/nginx-base:1.27-alpine@" + DIGEST_1);
        assertThat(hint.pushedAt()).isEqualTo(Instant.ofEpochSecond(1741560267));
        assertThat(hint.actor()).isEqualTo("robot$platform+ci");
    }

    @Test
    void basic_credentials_are_expected_as_a_basic_authorization_header() {
        String basic = "Basic " + java.util.Base64.getEncoder()
                .encodeToString("harbor-hook:s3cret".getBytes(StandardCharsets.UTF_8));

        assertThat(receiver.receive(harbor(fixture("harbor/push-artifact.json"), basic))).isInstanceOf(Accepted.class);
    }

    @Test
    void pull_and_delete_are_ignored() {
        assertThat(receiver.receive(harbor(fixture("harbor/pull-artifact.json"))))
                .isEqualTo(new Ignored("Harbor event \"PULL_ARTIFACT\" is not PUSH_ARTIFACT"));
        assertThat(receiver.receive(harbor(fixture("harbor/delete-artifact.json")))).isInstanceOf(Ignored.class);
    }

    @Test
    void missing_or_wrong_auth_header_is_rejected() {
        WebhookResult missing = receiver.receive(harbor(fixture("harbor/push-artifact.json"), null));
        WebhookResult wrong = receiver.receive(harbor(fixture("harbor/push-artifact.json"), "Basic aGFyYm9yOnM="));

        assertThat(((Rejected) missing).status()).isEqualTo(Status.UNAUTHORIZED);
        assertThat(((Rejected) wrong).status()).isEqualTo(Status.FORBIDDEN);
    }

    @Test
    void cloud_events_format_and_broken_payloads_are_bad_requests() {
        assertThat(message("{\"specversion\":\"1.0\",\"type\":\"harbor.artifact.pushed\",\"data\":{}}"))
                .contains("CloudEvents").contains("Default");
        assertThat(message("{\"type\":\"PUSH_ARTIFACT\",\"event_data\":{\"repository\":{\"repo_full_name\":\"p/r\"}}}"))
                .contains("missing field /event_data/resources");
        assertThat(message("{\"type\":\"PUSH_ARTIFACT\",\"event_data\":{\"resources\":[\"x\"],"
                + "\"repository\":{\"repo_full_name\":\"p/r\"}}}"))
                .contains("/event_data/resources/0 must be a resource object");
        assertThat(message("[]")).contains("not an object");
    }

    private String message(String body) {
        WebhookResult result = receiver.receive(harbor(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(result).isInstanceOf(Rejected.class);
        assertThat(((Rejected) result).status()).isEqualTo(Status.BAD_REQUEST);
        return ((Rejected) result).message();
    }
}
