package io.jenkins.plugins.imagefactory.webhook;

import io.jenkins.plugins.imagefactory.webhook.WebhookResult.Rejected;
import java.util.Optional;

/** One sender kind: how its deliveries are authenticated and how its payload is read. */
interface PayloadReader {

    /** A rejection, or empty when the delivery is authentic. Runs before the body is read. */
    Optional<Rejected> authenticate(WebhookRequest request, WebhookEndpoint endpoint);

    /** Accepted with hints, or Ignored with why; a payload it cannot read is a {@link PayloadException}. */
    WebhookResult read(WebhookRequest request, WebhookEndpoint endpoint) throws PayloadException;

    static PayloadReader forKind(WebhookKind kind) {
        return switch (kind) {
            case DISTRIBUTION -> new DistributionPayloadReader();
            case GHCR -> new GhcrPayloadReader();
            case DOCKERHUB -> new DockerHubPayloadReader();
            case HARBOR -> new HarborPayloadReader();
        };
    }
}
