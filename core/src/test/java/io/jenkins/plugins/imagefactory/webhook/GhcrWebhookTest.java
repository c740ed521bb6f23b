package io.jenkins.plugins.imagefactory.webhook;

import static io.jenkins.plugins.imagefactory.webhook.Deliveries.DIGEST_1;
import static io.jenkins.plugins.imagefactory.webhook.Deliveries.fixture;
import static io.jenkins.plugins.imagefactory.webhook.Deliveries.ghcr;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagefactory.webhook.WebhookResult.Accepted;
import io.jenkins.plugins.imagefactory.webhook.WebhookResult.Ignored;
import io.jenkins.plugins.imagefactory.webhook.WebhookResult.Rejected;
import io.jenkins.plugins.imagefactory.webhook.WebhookResult.Status;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GhcrWebhookTest {

    private final WebhookReceiver receiver = Deliveries.receiver();

    @Test
    void published_container_version_with_tag_is_a_lower_case_ghcr_hint() {
        WebhookResult result = receiver.receive(ghcr("registry_package", fixture("ghcr/registry-package-published.json")));

        assertThat(result).isInstanceOf(Accepted.class);
        PushHint hint = ((Accepted) result).hints().get(0);
        assertThat(hint.reference().canonical()).isEqualTo("ghcr.io/octo-org/base-python:3.12-slim@" + DIGEST_1);
        assertThat(hint.source()).isEqualTo(WebhookKind.GHCR);
        assertThat(hint.actor()).isEqualTo("octocat");
        assertThat(hint.pushedAt()).isEqualTo(Instant.parse("2025-03-09T22:44:27Z"));
    }

    @Test
    void package_event_without_namespace_uses_the_owner_login() {
        WebhookResult result = receiver.receive(ghcr("package", fixture("ghcr/package-published-no-namespace.json")));

        assertThat(result).isInstanceOf(Accepted.class);
        assertThat(((Accepted) result).hints().get(0).watchedReference().canonical())
                .isEqualTo("ghcr.io/octo-org/base-python:3.12-slim");
    }

    @Test
    void ping_untagged_versions_other_packages_and_other_events_are_ignored() {
        assertThat(receiver.receive(ghcr("ping", fixture("ghcr/ping.json")))).isInstanceOf(Ignored.class);
        assertThat(receiver.receive(ghcr("registry_package", fixture("ghcr/registry-package-untagged.json"))))
                .isEqualTo(new Ignored("container version \"" + Deliveries.DIGEST_3 + "\" was published without a tag"));
        assertThat(receiver.receive(ghcr("registry_package", fixture("ghcr/registry-package-npm.json"))))
                .isEqualTo(new Ignored("package type \"npm\" is not a container"));
        assertThat(receiver.receive(ghcr("push", fixture("ghcr/registry-package-published.json"))))
                .isInstanceOf(Ignored.class);
    }

    @Test
    void a_deleted_version_is_ignored() {
        String body = new String(fixture("ghcr/registry-package-published.json"), StandardCharsets.UTF_8)
                .replace("\"action\": \"published\"", "\"action\": \"deleted\"");

        assertThat(receiver.receive(ghcr("registry_package", body.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(new Ignored("GitHub registry_package action \"deleted\" is not a publish"));
    }

    @Test
    void signature_of_another_body_or_secret_is_forbidden() {
        byte[] body = fixture("ghcr/registry-package-published.json");
        String otherSecret = HmacSignatures.sign(io.jenkins.plugins.imagefactory.secret.Secret.token("guess"), body);
        String otherBody = HmacSignatures.sign(Deliveries.GHCR_SECRET, "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(status(receiver.receive(ghcr("registry_package", body, otherSecret)))).isEqualTo(Status.FORBIDDEN);
        assertThat(status(receiver.receive(ghcr("registry_package", body, otherBody)))).isEqualTo(Status.FORBIDDEN);
    }

    @Test
    void even_a_ping_must_be_signed() {
        WebhookResult unsigned = receiver.receive(ghcr("ping", fixture("ghcr/ping.json"), null));

        assertThat(status(unsigned)).isEqualTo(Status.UNAUTHORIZED);
        assertThat(((Rejected) unsigned).message()).contains("missing X-Hub-Signature-256");
    }

    @Test
    void malformed_signature_and_sha1_only_deliveries_say_so() {
        byte[] body = fixture("ghcr/ping.json");
        WebhookResult malformed = receiver.receive(ghcr("ping", body, "sha1=0123"));
        WebhookResult sha1Only = receiver.receive(new WebhookRequest("ghcr",
                Map.of("X-GitHub-Event", List.of("ping"), "X-Hub-Signature", List.of("sha1=abc")), body, null));

        assertThat(status(malformed)).isEqualTo(Status.BAD_REQUEST);
        assertThat(((Rejected) malformed).message()).contains("sha256=<64 hex digits>");
        assertThat(status(sha1Only)).isEqualTo(Status.UNAUTHORIZED);
        assertThat(((Rejected) sha1Only).message()).contains("only the SHA-1 X-Hub-Signature");
    }

    @Test
    void missing_event_header_and_broken_payloads_are_bad_requests() {
        assertThat(message(receiver.receive(ghcr(null, fixture("ghcr/ping.json"))))).contains("missing X-GitHub-Event");
        assertThat(message(receiver.receive(ghcr("registry_package",
                "payload=%7B%22action%22%7D".getBytes(StandardCharsets.UTF_8)))))
                .contains("not valid JSON").contains("content type to application/json");
        assertThat(message(receiver.receive(ghcr("registry_package",
                "{\"action\":\"published\",\"registry_package\":[]}".getBytes(StandardCharsets.UTF_8)))))
                .contains("/registry_package must be an object but is an array");
        String noOwner = "{\"action\":\"published\",\"registry_package\":{\"package_type\":\"CONTAINER\",\"name\":\"x\","
                + "\"package_version\":{}}}";
        assertThat(message(receiver.receive(ghcr("registry_package", noOwner.getBytes(StandardCharsets.UTF_8)))))
                .contains("missing field /registry_package/owner");
    }

    private static Status status(WebhookResult result) {
        assertThat(result).isInstanceOf(Rejected.class);
        return ((Rejected) result).status();
    }

    private static String message(WebhookResult result) {
        assertThat(status(result)).isEqualTo(Status.BAD_REQUEST);
        return ((Rejected) result).message();
    }
}
