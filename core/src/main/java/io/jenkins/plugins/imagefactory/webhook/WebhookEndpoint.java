package io.jenkins.plugins.imagefactory.webhook;

import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.image.InvalidReferenceException;
import io.jenkins.plugins.imagefactory.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * How one kind of webhook is received: which registry its pushes are about, and the secret that
 * proves a delivery came from the configured sender. There is no unauthenticated endpoint.
 *
 * @param kind         the sender kind
 * @param registryHost the registry host the hints name, e.g. {@code registry.example.com:5000}.
 *                     Taken from configuration because the payload's own host field is untrusted
 *                     and often an internal address
 * @param secret       distribution and Harbor: the expected {@code Authorization} header value (a
 *                     secret with a username means {@code Basic base64(username:value)}); GHCR: the
 *                     HMAC key; Docker Hub: the {@code ?token=} value
 */
public record WebhookEndpoint(WebhookKind kind, String registryHost, Secret secret) {

    public static final String GHCR_HOST = "ghcr.io";

    public WebhookEndpoint {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(secret, "secret");
        if (secret.value().isEmpty()) {
            throw new IllegalArgumentException("the " + kind + " webhook secret is empty; an endpoint must authenticate its sender");
        }
        if (registryHost == null || registryHost.isBlank()) {
            throw new IllegalArgumentException("the " + kind + " webhook needs the registry host its pushes are about");
        }
        try {
            ImageReference probe = ImageReference.parse(registryHost + "/probe/probe");
            if (!probe.repository().equals("probe/probe")) {
                throw new IllegalArgumentException("\"" + registryHost + "\" is not a registry host for the " + kind
                        + " webhook (a host has a dot or a port, or is localhost)");
            }
            registryHost = probe.registry();
        } catch (InvalidReferenceException e) {
            throw new IllegalArgumentException("invalid registry host \"" + registryHost + "\" for the " + kind
                    + " webhook: " + e.reason(), e);
        }
    }

    /** A distribution registry at {@code registryHost} sending {@code Authorization: <authorization>}. */
    public static WebhookEndpoint distribution(String registryHost, Secret authorization) {
        return new WebhookEndpoint(WebhookKind.DISTRIBUTION, registryHost, authorization);
    }

    /** GitHub package events for {@code ghcr.io}, signed with {@code hmacSecret}. */
    public static WebhookEndpoint ghcr(Secret hmacSecret) {
        return new WebhookEndpoint(WebhookKind.GHCR, GHCR_HOST, hmacSecret);
    }

    /** Docker Hub repository webhooks carrying {@code ?token=<token>} in their URL. */
    public static WebhookEndpoint dockerHub(Secret token) {
        return new WebhookEndpoint(WebhookKind.DOCKERHUB, ImageReference.DOCKER_HUB, token);
    }

    /** A Harbor instance at {@code registryHost} sending {@code Authorization: <authorization>}. */
    public static WebhookEndpoint harbor(String registryHost, Secret authorization) {
        return new WebhookEndpoint(WebhookKind.HARBOR, registryHost, authorization);
    }

    /** The exact {@code Authorization} header value a sender must present. */
    String expectedAuthorization() {
        if (secret.hasUsername()) {
            String pair = secret.username() + ":" + secret.value();
            return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        }
        return secret.value();
    }
}
