package io.jenkins.plugins.imagefactory.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagefactory.webhook.WebhookResult.Rejected;
import java.time.Instant;
import java.util.Optional;

/**
 * Harbor's default webhook payload:
 * {@code {"type":"PUSH_ARTIFACT","occur_at","operator","event_data":{"resources":[{"digest","tag",
 * "resource_url"}],"repository":{"repo_full_name",…}}}}. Other event types (pulls, deletes, scans,
 * quota) are ignored. {@code resource_url} is not used: its host is Harbor's idea of its own name,
 * and the configured host is the one the engine can reach.
 */
final class HarborPayloadReader implements PayloadReader {

    static final String PUSH = "PUSH_ARTIFACT";

    @Override
    public Optional<Rejected> authenticate(WebhookRequest request, WebhookEndpoint endpoint) {
        return Authentication.authorizationHeader(request, endpoint);
    }

    @Override
    public WebhookResult read(WebhookRequest request, WebhookEndpoint endpoint) throws PayloadException {
        JsonNode root = JsonPayload.parseObject(request.bodyBytes());
        if (root.has("specversion")) {
            throw new PayloadException("body is a CloudEvents payload; set the Harbor webhook's payload format to Default");
        }
        String type = JsonPayload.requireText(root, "", "type");
        if (!type.equals(PUSH)) {
            return new WebhookResult.Ignored("Harbor event " + Untrusted.quote(type) + " is not " + PUSH);
        }
        Instant occurredAt = JsonPayload.optionalEpochSeconds(root, "", "occur_at").orElse(null);
        String operator = JsonPayload.optionalText(root, "", "operator").orElse(null);
        JsonNode eventData = JsonPayload.requireObject(root, "", "event_data");
        JsonNode repository = JsonPayload.requireObject(eventData, "/event_data", "repository");
        String repoFullName = JsonPayload.requireText(repository, "/event_data/repository", "repo_full_name");
        JsonNode resources = JsonPayload.requireArray(eventData, "/event_data", "resources");
        Outcomes outcomes = new Outcomes();
        for (int i = 0; i < resources.size(); i++) {
            String path = "/event_data/resources/" + i;
            JsonNode resource = resources.get(i);
            if (!resource.isObject()) {
                throw new PayloadException("element " + path + " must be a resource object");
            }
            Optional<String> tag = JsonPayload.optionalText(resource, path, "tag");
            Optional<String> digest = JsonPayload.optionalText(resource, path, "digest");
            if (tag.isEmpty()) {
                outcomes.ignore("resource " + i + " is pushed without a tag");
                continue;
            }
            outcomes.hint(new PushHint(
                    HintReferences.of(path, endpoint.registryHost(), repoFullName, tag.get(), digest.orElse(null)),
                    WebhookKind.HARBOR, occurredAt, operator));
        }
        return outcomes.result("push names no resources");
    }
}
