package io.jenkins.plugins.imagefactory.cli.serve;

import io.jenkins.plugins.imagefactory.api.ApiRequest;
import io.jenkins.plugins.imagefactory.api.ApiResponse;
import io.jenkins.plugins.imagefactory.api.WriteAccess;
import io.jenkins.plugins.imagefactory.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Guards the write routes with {@code Authorization: Bearer <token>}. Without a configured token
 * the write routes do not exist (404): a server nobody secured must not accept writes.
 */
final class BearerToken implements WriteAccess {

    private static final String PREFIX = "Bearer ";

    private final byte[] expectedHash;

    private BearerToken(byte[] expectedHash) {
        this.expectedHash = expectedHash;
    }

    /** A guard for {@code token}, or one that turns the write routes off when there is none. */
    static BearerToken of(Optional<Secret> token) {
        if (token.isPresent() && token.get().value().isEmpty()) {
            throw new IllegalArgumentException("the API token is empty; set a long random token or leave --api-token out");
        }
        return new BearerToken(token.map(t -> sha256(t.value())).orElse(null));
    }

    boolean enabled() {
        return expectedHash != null;
    }

    @Override
    public Optional<ApiResponse> deny(ApiRequest request) {
        if (!enabled()) {
            return Optional.of(ApiResponse.error(404, "write routes are off: the server has no API token (--api-token)"));
        }
        Optional<String> header = request.header("Authorization");
        if (header.isEmpty() || !header.get().regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return Optional.of(ApiResponse.error(401, "this route needs Authorization: Bearer <API token>")
                    .withHeader("WWW-Authenticate", "Bearer realm=\"image-factory\""));
        }
        // Hashing first makes the comparison constant-time whatever the presented length.
        byte[] presented = sha256(header.get().substring(PREFIX.length()).trim());
        if (!MessageDigest.isEqual(presented, expectedHash)) {
            return Optional.of(ApiResponse.error(401, "the bearer token is not this server's API token")
                    .withHeader("WWW-Authenticate", "Bearer realm=\"image-factory\", error=\"invalid_token\""));
        }
        return Optional.empty();
    }

    /** Every holder of the token is the same API client to the audit log. */
    @Override
    public String actor(ApiRequest request) {
        return "api";
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
