package io.jenkins.plugins.imagefactory.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.imagefactory.secret.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers registry auth challenges: anonymous first, HTTP Basic when the registry asks for it and
 * credentials are configured, and the distribution token flow for {@code Bearer} challenges (ask
 * the challenge's realm for a token for its service and scope, with Basic credentials when
 * configured, anonymously otherwise). Remembers per host what worked so later requests carry the
 * right {@code Authorization} up front instead of paying a 401 round trip each time.
 */
final class RegistryAuthenticator {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Username sent with a bare token, as GHCR and most token services accept any name with a token. */
    static final String TOKEN_USERNAME = "token";

    private final RegistryHttp http;
    private final TokenCache tokens;
    private final Set<String> basicHosts = ConcurrentHashMap.newKeySet();

    RegistryAuthenticator(RegistryHttp http, TokenCache tokens) {
        this.http = http;
        this.tokens = tokens;
    }

    /** The Authorization value to send before any challenge, from what this host asked before. */
    Optional<String> preemptive(String host, String scope, Optional<Secret> secret) {
        if (basicHosts.contains(host) && secret.isPresent()) {
            return Optional.of(basic(secret.get()));
        }
        return tokens.get(host, scope).map(token -> "Bearer " + token);
    }

    /**
     * The Authorization value that answers {@code challengeHeader}, or empty when it cannot be
     * answered (Basic without credentials, unknown scheme).
     */
    Optional<String> answer(RegistryHttp.Target target, String scope, String challengeHeader, Optional<Secret> secret) {
        Optional<AuthChallenge> parsed = AuthChallenge.parse(challengeHeader);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        AuthChallenge challenge = parsed.get();
        if (challenge.isBasic()) {
            if (secret.isEmpty()) {
                return Optional.empty();
            }
            basicHosts.add(target.host());
            return Optional.of(basic(secret.get()));
        }
        if (challenge.isBearer()) {
            return Optional.of("Bearer " + fetchToken(target, challenge, scope, secret));
        }
        return Optional.empty();
    }

    private String fetchToken(RegistryHttp.Target target, AuthChallenge challenge, String scope, Optional<Secret> secret) {
        String realm = challenge.parameter("realm").orElseThrow(() -> new RegistryException(target.host(), target.reference(),
                401, null, null, "registry sent a Bearer challenge without a realm", null));
        URI realmUri;
        try {
            realmUri = URI.create(realm);
        } catch (IllegalArgumentException e) {
            throw new RegistryException(target.host(), target.reference(), 401, null, null,
                    "registry sent a Bearer challenge with an invalid realm \"" + realm + "\"", e);
        }
        if (realmUri.getScheme() == null || !(realmUri.getScheme().equals("https") || realmUri.getScheme().equals("http"))) {
            throw new RegistryException(target.host(), target.reference(), 401, null, null,
                    "registry sent a Bearer challenge with a non-HTTP realm \"" + realm + "\"", null);
        }
        if (realmUri.getScheme().equals("http") && secret.isPresent() && !RegistryEndpoints.isLoopback(realmUri.getAuthority())) {
            // never send credentials in clear text to a remote token service
            throw new RegistryException(target.host(), target.reference(), 401, null, null,
                    "refusing to send credentials to plain-HTTP token realm " + realm, null);
        }
        String askedScope = challenge.parameter("scope").orElse(scope);
        StringBuilder query = new StringBuilder();
        challenge.parameter("service").ifPresent(service -> append(query, "service", service));
        if (askedScope != null && !askedScope.isEmpty()) {
            append(query, "scope", askedScope);
        }
        URI uri = URI.create(realm + (query.length() == 0 ? "" : (realm.contains("?") ? "&" : "?") + query));
        RegistryHttp.Target tokenTarget = new RegistryHttp.Target(realmUri.getAuthority(), target.concurrency(), target.reference());
        HttpResponse<byte[]> response = http.send(tokenTarget, () -> {
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri).GET().header("Accept", "application/json");
            secret.ifPresent(s -> builder.header("Authorization", basic(s)));
            return builder;
        }, "token request to " + realmUri.getAuthority());
        if (response.statusCode() != 200) {
            ErrorBody error = ErrorBody.parse(response.body());
            throw new RegistryException(target.host(), target.reference(), response.statusCode(), error.code(), error.message(),
                    "token service " + realmUri.getAuthority() + " refused a token for scope " + askedScope
                            + (secret.isPresent() ? " with the configured credentials" : " anonymously"), null);
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new RegistryException(target.host(), target.reference(), 200, null, null,
                    "token service " + realmUri.getAuthority() + " answered with malformed JSON", e);
        }
        String token = text(body, "token").or(() -> text(body, "access_token")).orElseThrow(() -> new RegistryException(
                target.host(), target.reference(), 200, null, null,
                "token service " + realmUri.getAuthority() + " answered without token or access_token", null));
        Duration lifetime = body.path("expires_in").canConvertToLong() ? Duration.ofSeconds(body.path("expires_in").asLong()) : null;
        Instant issuedAt = null;
        Optional<String> issued = text(body, "issued_at");
        if (issued.isPresent()) {
            try {
                issuedAt = Instant.parse(issued.get());
            } catch (DateTimeParseException unreadable) {
                issuedAt = null;
            }
        }
        tokens.put(target.host(), scope, token, issuedAt, lifetime);
        return token;
    }

    private static Optional<String> text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        return node != null && node.isTextual() && !node.asText().isEmpty() ? Optional.of(node.asText()) : Optional.empty();
    }

    private static void append(StringBuilder query, String name, String value) {
        if (query.length() > 0) {
            query.append('&');
        }
        query.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    static String basic(Secret secret) {
        String user = secret.hasUsername() ? secret.username() : TOKEN_USERNAME;
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret.value()).getBytes(StandardCharsets.UTF_8));
    }
}
