package io.jenkins.plugins.imagefactory.webhook;

import static io.jenkins.plugins.imagefactory.webhook.Deliveries.DIGEST_1;
import static io.jenkins.plugins.imagefactory.webhook.Deliveries.distribution;
import static io.jenkins.plugins.imagefactory.webhook.Deliveries.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagefactory.webhook.WebhookResult.Accepted;
import io.jenkins.plugins.imagefactory.webhook.WebhookResult.Ignored;
import io.jenkins.plugins.imagefactory.webhook.WebhookResult.Rejected;
import io.jenkins.plugins.imagefactory.webhook.WebhookResult.Status;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DistributionWebhookTest {

    private final WebhookReceiver receiver = Deliveries.receiver();

    @Test
    void tagged_manifest_push_is_a_hint_on_the_configured_host_and_the_blob_push_is_not() {
        WebhookResult result = receiver.receive(distribution(fixture("distribution/push-tagged.json")));

        assertThat(result).isInstanceOf(Accepted.class);
        assertThat(result.httpStatus()).isEqualTo(202);
        PushHint hint = ((Accepted) result).hints().get(0);
        assertThat(((Accepted) result).hints()).hasSize(1);
        // request.host in the payload says 10.0.4.17:5000; the configured host wins.
        assertThat(hint.reference().canonical())
                .isEqualTo("registry.example.com:5000/platform/base-java:21-jre@" + DIGEST_1);
        assertThat(hint.watchedReference().canonical()).isEqualTo("registry.example.com:5000/platform/base-java:21-jre");
        assertThat(hint.claimedDigest()).contains(DIGEST_1);
        assertThat(hint.pushedAt()).isEqualTo(Instant.parse("2025-03-09T22:44:27.118Z"));
        assertThat(hint.actor()).isEqualTo("ci-builder");
        assertThat(hint.source()).isEqualTo(WebhookKind.DISTRIBUTION);
    }

    @Test
    void push_by_digest_without_tag_is_ignored() {
        WebhookResult result = receiver.receive(distribution(fixture("distribution/push-untagged.json")));

        assertThat(result).isInstanceOf(Ignored.class);
        assertThat(((Ignored) result).reason()).contains("without a tag");
        assertThat(result.httpStatus()).isEqualTo(200);
    }

    @Test
    void pull_and_delete_events_are_ignored() {
        assertThat(receiver.receive(distribution(fixture("distribution/pull.json"))))
                .isEqualTo(new Ignored("event 0 is a \"pull\", not a push"));
        assertThat(receiver.receive(distribution(fixture("distribution/delete.json"))))
                .isEqualTo(new Ignored("event 0 is a \"delete\", not a push"));
    }

    @Test
    void missing_authorization_is_unauthorized_and_wrong_one_is_forbidden() {
        WebhookResult missing = receiver.receive(distribution(fixture("distribution/push-tagged.json"), null));
        WebhookResult wrong = receiver.receive(distribution(fixture("distribution/push-tagged.json"), "Bearer guess"));

        assertThat(missing).isInstanceOf(Rejected.class);
        assertThat(((Rejected) missing).status()).isEqualTo(Status.UNAUTHORIZED);
        assertThat(((Rejected) missing).message()).contains("missing Authorization header");
        assertThat(wrong).isInstanceOf(Rejected.class);
        assertThat(((Rejected) wrong).status()).isEqualTo(Status.FORBIDDEN);
        assertThat(((Rejected) wrong).message()).doesNotContain("guess").doesNotContain("4f1c0e7d");
        assertThat(wrong.httpStatus()).isEqualTo(403);
    }

    @Test
    void authorization_header_name_is_case_insensitive() {
        WebhookRequest lowerCase = new WebhookRequest("distribution",
                java.util.Map.of("authorization", java.util.List.of(Deliveries.DISTRIBUTION_AUTH)),
                fixture("distribution/push-tagged.json"), null);

        assertThat(receiver.receive(lowerCase)).isInstanceOf(Accepted.class);
    }

    @Test
    void malformed_envelopes_are_bad_requests_naming_the_field() {
        assertThat(rejection("{\"events\":{}}")).contains("/events must be an array but is an object");
        assertThat(rejection("{\"evnts\":[]}")).contains("missing field /events");
        assertThat(rejection("{\"events\":[{\"action\":\"push\",\"target\":{\"tag\":\"1\"}}]}"))
                .contains("missing field /events/0/target/repository");
        assertThat(rejection("{\"events\":[{\"action\":\"push\",\"target\":{\"repository\":\"a\",\"tag\":7}}]}"))
                .contains("/events/0/target/tag must be a string but is a number");
        assertThat(rejection("{\"events\":[{\"action\":\"push\",\"timestamp\":\"yesterday\","
                + "\"target\":{\"repository\":\"a\",\"tag\":\"1\"}}]}"))
                .contains("/events/0/timestamp is \"yesterday\", not an RFC 3339 timestamp");
        assertThat(rejection("{\"events\":[{\"action\":\"push\",\"target\":{\"repository\":\"Upper/Case\",\"tag\":\"1\"}}]}"))
                .contains("repository \"Upper/Case\"").contains("lowercase");
        assertThat(rejection("{\"events\":[{\"action\":\"push\",\"target\":{\"repository\":\"a\",\"tag\":\"1@"
                + DIGEST_1 + "\"}}]}"))
                .contains("is not a valid tag");
        assertThat(rejection("{\"events\":[{\"action\":\"push\",\"target\":{\"repository\":\"a\",\"tag\":\"1\","
                + "\"digest\":\"sha256:abc\"}}]}"))
                .contains("digest \"sha256:abc\" at /events/0/target is not sha256:<64 hex>");
        assertThat(rejection("{\"events\":[]} trailing")).contains("not valid JSON");
    }

    @Test
    void an_empty_envelope_is_ignored() {
        assertThat(receiver.receive(distribution("{\"events\":[]}".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(new Ignored("envelope holds no events"));
    }

    private String rejection(String body) {
        WebhookResult result = receiver.receive(distribution(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(result).isInstanceOf(Rejected.class);
        assertThat(((Rejected) result).status()).isEqualTo(Status.BAD_REQUEST);
        return ((Rejected) result).message();
    }
}
