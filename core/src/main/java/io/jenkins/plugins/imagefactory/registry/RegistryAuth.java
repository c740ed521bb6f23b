package io.jenkins.plugins.imagefactory.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.imagefactory.config.RegistrySettings;
import io.jenkins.plugins.imagefactory.secret.Secret;
import io.jenkins.plugins.imagefactory.secret.SecretResolver;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Authorization for registry calls, learnt from each host's {@code WWW-Authenticate} challenge:
 * anonymous until challenged; {@code Basic} with the host's credentials; or the distribution token
 * flow, where a token for {@code repository:<name>:pull} is fetched from the challenge's realm
 * (sending the host's credentials as Basic when configured) and cached until it expires.
 */
final class RegistryAuth {

    static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryTransport transport;
    private final Function<String, RegistrySettings> settings;
    private final SecretResolver secrets;
    private final Map<String, AuthChallenge> challenges = new ConcurrentHashMap<>();
    private final Map<String, CachedToken> tokens = new ConcurrentHashMap<>();

    private record CachedToken(String value, Instant refreshAt) {
        @Override
        public String toString() {
            return "CachedToken[****, refreshAt=" + refreshAt + "]";
        }
    }

    RegistryAuth(RegistryTransport transport, Function<String, RegistrySettings> settings, SecretResolver secrets) {
        this.transport = transport;
        this.secrets = secrets;
        this.settings = settings;
    }

    /** The Authorization header value to send to {@code host} for {@code scope}, if any is known to be needed. */
    Optional<String> authorization(String host, String scope) {
        AuthChallenge challenge = challenges.get(host);
        if (challenge == null) {
            return Optional.empty();
        }
        if (challenge.isBasic()) {
            return credentials(host).map(RegistryAuth::basic);
        }
        if (challenge.isBearer()) {
            String key = host + " " + scope;
            CachedToken cached = tokens.get(key);
            if (cached == null || !transport.clock().instant().isBefore(cached.refreshAt())) {
                cached = fetchToken(host, scope, challenge);
                tokens.put(key, cached);
            }
            return Optional.of("Bearer " + cached.value());
        }
        return Optional.empty();
    }

    /**
     * Learns from a 401. Answers whether one more attempt with (new) authorization can succeed.
     */
    boolean learn(String host, String scope, RegistryResponse unauthorized) {
        Optional<AuthChallenge> parsed = unauthorized.header("WWW-Authenticate").flatMap(AuthChallenge::parse);
        if (parsed.isEmpty()) {
            return false;
        }
        AuthChallenge challenge = parsed.get();
        AuthChallenge before = challenges.put(host, challenge);
        if (challenge.isBearer()) {
            // The token we sent (if any) was refused: drop it so the retry fetches a fresh one.
            boolean hadToken = tokens.remove(host + " " + scope) != null;
            return !hadToken || !challenge.equals(before);
        }
        if (challenge.isBasic()) {
            return credentials(host).isPresent() && before == null;
        }
        return false;
    }

    private CachedToken fetchToken(String host, String scope, AuthChallenge challenge) {
        String realm = challenge.realm();
        if (realm == null || realm.isBlank()) {
            throw new RegistryException(host, scope, 401, null, "Bearer challenge without a realm");
        }
        StringBuilder query = new StringBuilder();
        if (challenge.service() != null) {
            query.append("service=").append(URLEncoder.encode(challenge.service(), StandardCharsets.UTF_8));
        }
        query.append(query.isEmpty() ? "" : "&").append("scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
        URI uri;
        try {
            URI base = URI.create(realm);
            if (base.getScheme() == null || !(base.getScheme().equals("https") || base.getScheme().equals("http"))) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            uri = URI.create(realm + (realm.contains("?") ? "&" : "?") + query);
        } catch (IllegalArgumentException e) {
            throw new RegistryException(host, scope, 401, null, "invalid token realm \"" + realm + "\": " + e.getMessage());
        }
        String realmHost = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        Optional<String> basic = credentials(host).map(RegistryAuth::basic);
        RegistryResponse response = transport.send(realmHost, "token for " + scope, () -> {
            var request = transport.request(uri).header("Accept", "application/json").GET();
            basic.ifPresent(value -> request.header("Authorization", value));
            return request.build();
        });
        if (!response.isSuccess()) {
            ErrorBody error = ErrorBody.parse(response.body());
            throw new RegistryException(host, scope, response.status(), error.code(),
                    "token endpoint " + realmHost + " refused"
                            + (basic.isPresent() ? " the configured credentials" : " anonymous access")
                            + (error.message() != null ? ": " + error.message() : ""));
        }
        return parseToken(host, scope, response.body());
    }

    private CachedToken parseToken(String host, String scope, byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new RegistryException(host, scope, 200, null, "token endpoint answered invalid JSON (" + body.length + " bytes)");
        }
        String token = root.path("token").asText("");
        if (token.isEmpty()) {
            token = root.path("access_token").asText("");
        }
        if (token.isEmpty()) {
            throw new RegistryException(host, scope, 200, null, "token endpoint answered without token or access_token");
        }
        Instant now = transport.clock().instant();
        long expiresIn = root.path("expires_in").asLong(0);
        Duration lifetime = expiresIn > 0 ? Duration.ofSeconds(expiresIn) : DEFAULT_TOKEN_LIFETIME;
        Instant issuedAt = now;
        String issued = root.path("issued_at").asText("");
        if (!issued.isEmpty()) {
            try {
                Instant parsed = OffsetDateTime.parse(issued).toInstant();
                // A registry clock ahead of ours must not stretch the token's life.
                issuedAt = parsed.isBefore(now) ? parsed : now;
            } catch (DateTimeParseException ignored) {
                issuedAt = now;
            }
        }
        Duration margin = lifetime.dividedBy(10).compareTo(Duration.ofSeconds(10)) < 0 ? lifetime.dividedBy(10) : Duration.ofSeconds(10);
        return new CachedToken(token, issuedAt.plus(lifetime).minus(margin));
    }

    private Optional<Secret> credentials(String host) {
        String reference = settings.apply(host).credentials();
        if (reference == null || reference.isBlank()) {
            return Optional.empty();
        }
        return secrets.resolve(reference);
    }

    /**
     * A token-only secret goes as the password with a placeholder user name: token realms such as
     * GHCR's ignore the user name, and Basic needs one.
     */
    static String basic(Secret secret) {
        String user = secret.hasUsername() ? secret.username() : "token";
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret.value()).getBytes(StandardCharsets.UTF_8));
    }
}
