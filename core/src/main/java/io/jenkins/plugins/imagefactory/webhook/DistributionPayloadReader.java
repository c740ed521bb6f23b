package io.jenkins.plugins.imagefactory.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagefactory.webhook.WebhookResult.Rejected;
import java.time.Instant;
import java.util.Optional;

/**
 * The CNCF distribution registry's notification envelope
 * ({@code application/vnd.docker.distribution.events.v1+json}, {@code v2+json} in 3.x):
 * {@code {"events":[{"action":"push","target":{"repository","tag","digest",…},"actor":{"name"},…}]}}.
 *
 * <p>Only a tagged manifest push is a hint. A blob push or a push by digest carries no tag and
 * moves no tag, so it is ignored; so are pulls, mounts and deletes. Events other than pushes are
 * not inspected beyond their action, so an unusual pull never blocks the registry's queue.
 * The request's own {@code request.host} is ignored: the registry host comes from configuration.
 */
final class DistributionPayloadReader implements PayloadReader {

    @Override
    public Optional<Rejected> authenticate(WebhookRequest request, WebhookEndpoint endpoint) {
        return Authentication.authorizationHeader(request, endpoint);
    }

    @Override
    public WebhookResult read(WebhookRequest request, WebhookEndpoint endpoint) throws PayloadException {
        JsonNode root = JsonPayload.parseObject(request.bodyBytes());
        JsonNode events = JsonPayload.requireArray(root, "", "events");
        Outcomes outcomes = new Outcomes();
        for (int i = 0; i < events.size(); i++) {
            String path = "/events/" + i;
            JsonNode event = events.get(i);
            if (!event.isObject()) {
                throw new PayloadException("element " + path + " must be an event object");
            }
            String action = JsonPayload.requireText(event, path, "action");
            if (!action.equals("push")) {
                outcomes.ignore("event " + i + " is a " + Untrusted.quote(action) + ", not a push");
                continue;
            }
            JsonNode target = JsonPayload.requireObject(event, path, "target");
            String targetPath = path + "/target";
            String repository = JsonPayload.requireText(target, targetPath, "repository");
            Optional<String> digest = JsonPayload.optionalText(target, targetPath, "digest");
            Optional<String> tag = JsonPayload.optionalText(target, targetPath, "tag");
            Optional<String> mediaType = JsonPayload.optionalText(target, targetPath, "mediaType");
            Instant timestamp = JsonPayload.optionalTimestamp(event, path, "timestamp").orElse(null);
            String actor = JsonPayload.optionalObject(event, path, "actor").isPresent()
                    ? JsonPayload.optionalText(event.get("actor"), path + "/actor", "name").orElse(null)
                    : null;
            if (tag.isEmpty()) {
                outcomes.ignore("event " + i + " pushes " + mediaType.map(Untrusted::quote).orElse("content")
                        + " without a tag (a blob or a manifest by digest)");
                continue;
            }
            outcomes.hint(new PushHint(
                    HintReferences.of(targetPath, endpoint.registryHost(), repository, tag.get(), digest.orElse(null)),
                    WebhookKind.DISTRIBUTION, timestamp, actor));
        }
        return outcomes.result("envelope holds no events");
    }
}
