package io.jenkins.plugins.imagefactory.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagefactory.image.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The plugin's webhook endpoints as registries and GitHub call them: without a session or a crumb,
 * authenticated only by each kind's own secret, with every refusal a JSON answer that says why.
 * Payloads are the core's fixtures, shaped like each sender's documentation; the distribution
 * registry of the test sends its own notifications.
 */
@ExtendWith(RealJenkinsExtension.class)
class WebhookEndpointsTest {

    private static final String REGISTRY = "image-factory-webhook/registry/";

    /** Until a first cycle, the plugin cannot know what is watched and checks every pushed reference. */
    @BeforeAll
    static void firstCycle(Controller controller) {
        controller.sync();
    }

    /** A payload of the core's webhook fixtures (its test-jar), e.g. {@code ghcr/ping.json}. */
    static byte[] fixture(String name) {
        try (InputStream in = WebhookEndpointsTest.class.getResourceAsStream("/webhook/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture /webhook/" + name + " on the classpath (core's test-jar)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A delivery as a sender makes it: no session, no crumb, JSON, and {@code headers} (name, value, …). */
    static JenkinsClient.Answer post(Controller controller, String path, byte[] body, String... headers) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            map.put(headers[i], headers[i + 1]);
        }
        return controller.anonymous().postWithoutCrumb(path, map, body);
    }

    @Test
    void distributionNotificationsNeedTheConfiguredAuthorizationHeader(Controller controller) {
        byte[] body = fixture("distribution/push-tagged.json");
        String path = REGISTRY + "distribution";

        JenkinsClient.Answer authentic = post(controller, path, body, "Authorization", Controller.REGISTRY_HOOK_SECRET);
        JenkinsClient.Answer missing = post(controller, path, body);
        JenkinsClient.Answer wrong = post(controller, path, body, "Authorization", "Bearer guessed");
        JenkinsClient.Answer malformed = post(controller, path, "{\"events\": [".getBytes(StandardCharsets.UTF_8),
                "Authorization", Controller.REGISTRY_HOOK_SECRET);
        JenkinsClient.Answer oversized = post(controller, path, new byte[(1 << 20) + 10],
                "Authorization", Controller.REGISTRY_HOOK_SECRET);

        assertThat(authentic.status()).as(authentic.toString()).isEqualTo(200);
        assertThat(authentic.json().get("ignored").asText())
                .isEqualTo("not watched: " + controller.registry.host() + "/platform/base-java:21-jre");
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.json().get("error").asText()).contains("missing Authorization header");
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(oversized.status()).as(oversized.toString()).isIn(400, 413);
        assertThat(oversized.json().get("error").asText()).contains(String.valueOf(1 << 20));
        for (JenkinsClient.Answer answer : new JenkinsClient.Answer[] {authentic, missing, wrong, malformed, oversized}) {
            assertThat(answer.header("Content-Type")).get().asString().startsWith("application/json");
            assertThat(answer.body()).doesNotContain(Controller.REGISTRY_HOOK_SECRET);
        }
    }

    @Test
    void ghcrDeliveriesAreCheckedAgainstTheirSignature(Controller controller) {
        byte[] body = fixture("ghcr/registry-package-published.json");
        String path = REGISTRY + "ghcr";
        String signature = "sha256=" + Controller.hmac(Controller.GHCR_HOOK_SECRET, body);

        JenkinsClient.Answer signed = post(controller, path, body, "X-GitHub-Event", "registry_package",
                "X-Hub-Signature-256", signature);
        JenkinsClient.Answer unsigned = post(controller, path, body, "X-GitHub-Event", "registry_package");
        JenkinsClient.Answer forged = post(controller, path, body, "X-GitHub-Event", "registry_package",
                "X-Hub-Signature-256", "sha256=" + "0".repeat(64));
        JenkinsClient.Answer ping = post(controller, path, fixture("ghcr/ping.json"), "X-GitHub-Event", "ping",
                "X-Hub-Signature-256", "sha256=" + Controller.hmac(Controller.GHCR_HOOK_SECRET, fixture("ghcr/ping.json")));

        assertThat(signed.status()).as(signed.toString()).isEqualTo(200);
        assertThat(signed.json().get("ignored").asText()).startsWith("not watched: ghcr.io/");
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(forged.status()).isEqualTo(403);
        assertThat(ping.status()).as(ping.toString()).isEqualTo(200);
    }

    @Test
    void dockerHubDeliveriesCarryTheirTokenInTheUrl(Controller controller) {
        byte[] body = fixture("dockerhub/push.json");
        String token = java.net.URLEncoder.encode(Controller.DOCKERHUB_HOOK_TOKEN, StandardCharsets.UTF_8);

        JenkinsClient.Answer authentic = post(controller, REGISTRY + "dockerhub?token=" + token, body);
        JenkinsClient.Answer missing = post(controller, REGISTRY + "dockerhub", body);
        JenkinsClient.Answer wrong = post(controller, REGISTRY + "dockerhub?token=guessed", body);

        assertThat(authentic.status()).as(authentic.toString()).isEqualTo(200);
        assertThat(authentic.json().get("ignored").asText()).startsWith("not watched: docker.io/");
        assertThat(missing.status()).isEqualTo(401);
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(controller.jenkins.log()).doesNotContain(Controller.DOCKERHUB_HOOK_TOKEN);
    }

    @Test
    void harborDeliveriesNeedItsAuthorizationHeader(Controller controller) {
        byte[] body = fixture("harbor/push-artifact.json");

        JenkinsClient.Answer authentic = post(controller, REGISTRY + "harbor", body, "Authorization",
                Controller.HARBOR_HOOK_SECRET);
        JenkinsClient.Answer wrong = post(controller, REGISTRY + "harbor", body, "Authorization", "guessed");

        assertThat(authentic.status()).as(authentic.toString()).isEqualTo(200);
        assertThat(authentic.json().get("ignored").asText()).startsWith("not watched: harbor.example.com/");
        assertThat(wrong.status()).isEqualTo(403);
    }

    @Test
    void unknownKindsAndPathsAreNotFound(Controller controller) {
        JenkinsClient.Answer quay = post(controller, REGISTRY + "quay", "{}".getBytes(StandardCharsets.UTF_8));
        JenkinsClient.Answer nested = post(controller, REGISTRY + "distribution/extra", "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(quay.status()).isEqualTo(404);
        assertThat(nested.status()).isEqualTo(404);
        assertThat(nested.json().get("error").asText()).contains("distribution, ghcr, dockerhub or harbor");
    }

    @Test
    void theConfigRepoPushWebhookSyncsOnSignedPushesToItsBranchOnly(Controller controller) {
        byte[] other = "{\"ref\":\"refs/heads/feature\"}".getBytes(StandardCharsets.UTF_8);
        String path = "image-factory-webhook/git";

        JenkinsClient.Answer main = controller.pushWebhook("main");
        JenkinsClient.Answer feature = post(controller, path, other, "X-GitHub-Event", "push",
                "X-Hub-Signature-256", "sha256=" + Controller.hmac(Controller.GIT_HOOK_SECRET, other));
        JenkinsClient.Answer unsigned = post(controller, path, other, "X-GitHub-Event", "push");
        JenkinsClient.Answer forged = post(controller, path, other, "X-GitHub-Event", "push",
                "X-Hub-Signature-256", "sha256=" + Controller.hmac("guessed", other));

        assertThat(main.status()).isEqualTo(202);
        assertThat(feature.status()).isEqualTo(200);
        assertThat(feature.json().get("ignored").asText()).contains("refs/heads/feature");
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(forged.status()).isEqualTo(403);
    }

    @Test
    void onlyTheWebhooksSkipTheCrumb(Controller controller) {
        // A user's password-authenticated POST elsewhere without a crumb is refused; webhooks never have one.
        String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + Controller.USERS.get("admin"))
                .getBytes(StandardCharsets.UTF_8));
        JenkinsClient.Answer elsewhere = controller.anonymous().postWithoutCrumb("image-factory/api/v1/images/x/rebuild",
                Map.of("Authorization", basic, "Content-Type", "application/json"), "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(elsewhere.status()).isEqualTo(403);
        assertThat(elsewhere.body()).contains("No valid crumb");
    }

    /** The real registry's own notification for a watched base reaches the engine before any scheduled sync. */
    @Test
    void aPushToTheRealRegistryIsRecordedThroughItsNotification(Controller controller) {
        String registry = controller.registry.host();
        controller.enroll("hooks-app", "hooks", "{jenkins: {job: hooks-app-build}}", "{delay: 30d}");
        String base = registry + "/hooks/base:1";

        long cyclesBefore = controller.engineStatus().get("cycles").asLong();

        String pushed = controller.registry.pusher().pushImage("hooks/base", "1", Platform.LINUX_AMD64).digest();

        // Nobody asked for a sync (the schedule is hourly): only the registry's notification can bring the digest.
        JsonNode row = controller.await("the pushed digest of " + base, Duration.ofMinutes(1), () -> {
            for (JsonNode image : controller.admin().json("image-factory/api/v1/images?q=hooks%2Fbase").path("images")) {
                if (image.get("ref").asText().equals(base) && pushed.equals(image.path("digest").asText())) {
                    return image;
                }
            }
            return null;
        });
        assertThat(controller.engineStatus().get("cycles").asLong()).isGreaterThan(cyclesBefore);
        assertThat(row.get("role").asText()).isEqualTo("base");
        JsonNode app = controller.admin().json("image-factory/api/v1/images/hooks-app");
        assertThat(app.at("/summary/rebuildStatus").asText()).as(app.toString()).isEqualTo("waiting-for-delay");
    }
}
