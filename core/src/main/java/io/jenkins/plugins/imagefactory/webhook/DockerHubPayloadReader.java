package io.jenkins.plugins.imagefactory.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.webhook.WebhookResult.Rejected;
import java.util.List;
import java.util.Optional;

/**
 * Docker Hub's repository webhook:
 * {@code {"callback_url","push_data":{"pushed_at","pusher","tag"},"repository":{"repo_name",…}}}.
 * Docker Hub sends nothing but pushes and names no digest; the hint names the tag only.
 */
final class DockerHubPayloadReader implements PayloadReader {

    @Override
    public Optional<Rejected> authenticate(WebhookRequest request, WebhookEndpoint endpoint) {
        return Authentication.queryToken(request, endpoint);
    }

    @Override
    public WebhookResult read(WebhookRequest request, WebhookEndpoint endpoint) throws PayloadException {
        JsonNode root = JsonPayload.parseObject(request.bodyBytes());
        JsonNode pushData = JsonPayload.requireObject(root, "", "push_data");
        JsonNode repository = JsonPayload.requireObject(root, "", "repository");
        String tag = JsonPayload.requireText(pushData, "/push_data", "tag");
        String repoName = JsonPayload.requireText(repository, "/repository", "repo_name");
        PushHint hint = new PushHint(
                HintReferences.of("/repository/repo_name", ImageReference.DOCKER_HUB, repoName, tag, null),
                WebhookKind.DOCKERHUB,
                JsonPayload.optionalEpochSeconds(pushData, "/push_data", "pushed_at").orElse(null),
                JsonPayload.optionalText(pushData, "/push_data", "pusher").orElse(null));
        return new WebhookResult.Accepted(List.of(hint));
    }
}
