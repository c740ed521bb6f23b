package io.jenkins.plugins.imagefactory.webhook;

import io.jenkins.plugins.imagefactory.secret.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test fixtures and requests shaped the way each sender delivers them. */
final class Deliveries {

    static final String DISTRIBUTION_HOST = "registry.example.com:5000";
    static final String HARBOR_HOST = "harbor.example.com";
    static final String DISTRIBUTION_AUTH = "Bearer 4f1c0e7d-distribution-token";
    static final Secret GHCR_SECRET = Secret.token("It's a Secret to Everybody");
    static final String DOCKERHUB_TOKEN = "hub-7Zq2+token/with=chars";
    static final Secret HARBOR_AUTH = Secret.usernamePassword("harbor-hook", "s3cret");

    static final String DIGEST_1 = "sha256:396c00555fb67668f7c41d51f3d03277dd3d8084b862af6d35abdd0705c35980";
    static final String DIGEST_3 = "sha256:8609f1753a27537fa5ea65336ba11cdfbc364f9430995d7e3039b6d3b0a31a27";

    private Deliveries() {
    }

    static WebhookReceiver receiver() {
        return WebhookReceiver.of(
                WebhookEndpoint.distribution(DISTRIBUTION_HOST, Secret.token(DISTRIBUTION_AUTH)),
                WebhookEndpoint.ghcr(GHCR_SECRET),
                WebhookEndpoint.dockerHub(Secret.token(DOCKERHUB_TOKEN)),
                WebhookEndpoint.harbor(HARBOR_HOST, HARBOR_AUTH));
    }

    static byte[] fixture(String name) {
        try (InputStream in = Deliveries.class.getResourceAsStream("/webhook/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture /webhook/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As the distribution registry sends it, with its configured Authorization header. */
    static WebhookRequest distribution(byte[] body) {
        return distribution(body, DISTRIBUTION_AUTH);
    }

    static WebhookRequest distribution(byte[] body, String authorization) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of("application/vnd.docker.distribution.events.v1+json"));
        if (authorization != null) {
            headers.put("Authorization", List.of(authorization));
        }
        return new WebhookRequest("distribution", headers, body, Map.of());
    }

    /** As GitHub sends it: event name header, delivery id and the body's signature. */
    static WebhookRequest ghcr(String event, byte[] body) {
        return ghcr(event, body, HmacSignatures.sign(GHCR_SECRET, body));
    }

    static WebhookRequest ghcr(String event, byte[] body, String signature) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of("application/json"));
        headers.put("User-Agent", List.of("GitHub-Hookshot/5f8c3d1"));
        headers.put("X-GitHub-Delivery", List.of("72d3162e-cc78-11e3-81ab-4c9367dc0958"));
        if (event != null) {
            headers.put("X-GitHub-Event", List.of(event));
        }
        if (signature != null) {
            headers.put("X-Hub-Signature-256", List.of(signature));
        }
        return new WebhookRequest("ghcr", headers, body, Map.of());
    }

    /** As Docker Hub sends it: a plain JSON POST to the URL it was given, token in the query. */
    static WebhookRequest dockerHub(byte[] body) {
        return dockerHub(body, DOCKERHUB_TOKEN);
    }

    static WebhookRequest dockerHub(byte[] body, String token) {
        Map<String, List<String>> query = token == null ? Map.of() : Map.of("token", List.of(token));
        return new WebhookRequest("dockerhub", Map.of("Content-Type", List.of("application/json")), body, query);
    }

    /** As Harbor sends it, with the "Auth Header" configured on the webhook policy. */
    static WebhookRequest harbor(byte[] body) {
        return harbor(body, WebhookEndpoint.harbor(HARBOR_HOST, HARBOR_AUTH).expectedAuthorization());
    }

    static WebhookRequest harbor(byte[] body, String authorization) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of("application/json"));
        if (authorization != null) {
            headers.put("Authorization", List.of(authorization));
        }
        return new WebhookRequest("harbor", headers, body, Map.of());
    }
}
