package io.jenkins.plugins.imagefactory.webhook;

import io.jenkins.plugins.imagefactory.webhook.WebhookResult.Rejected;
import io.jenkins.plugins.imagefactory.webhook.WebhookResult.Status;
import java.util.List;
import java.util.Optional;

/**
 * The three ways senders prove who they are. Each answers with a rejection, or empty when the
 * delivery is authentic. Messages name what was wrong, never the expected or presented value.
 */
final class Authentication {

    static final String AUTHORIZATION = "Authorization";
    static final String TOKEN_PARAMETER = "token";
    private static final String LEGACY_GITHUB_HEADER = "X-Hub-Signature";

    private Authentication() {
    }

    /** distribution and Harbor: a fixed {@code Authorization} header value from their config. */
    static Optional<Rejected> authorizationHeader(WebhookRequest request, WebhookEndpoint endpoint) {
        List<String> values = request.header(AUTHORIZATION);
        if (values.isEmpty() || values.get(0).isEmpty()) {
            return reject(Status.UNAUTHORIZED, "missing Authorization header; the " + endpoint.kind()
                    + " webhook must send the Authorization value configured for it");
        }
        if (values.size() > 1) {
            return reject(Status.BAD_REQUEST, values.size() + " Authorization headers; expected exactly one");
        }
        if (!ConstantTime.equals(values.get(0), endpoint.expectedAuthorization())) {
            return reject(Status.FORBIDDEN, "Authorization header does not match the value configured for the "
                    + endpoint.kind() + " webhook");
        }
        return Optional.empty();
    }

    /** Docker Hub: it cannot sign or send headers, so the secret rides in the URL it is given. */
    static Optional<Rejected> queryToken(WebhookRequest request, WebhookEndpoint endpoint) {
        List<String> values = request.queryParameter(TOKEN_PARAMETER);
        if (values.isEmpty() || values.get(0).isEmpty()) {
            return reject(Status.UNAUTHORIZED, "missing ?" + TOKEN_PARAMETER + "= query parameter; the "
                    + endpoint.kind() + " webhook URL must carry the configured token");
        }
        if (values.size() > 1) {
            return reject(Status.BAD_REQUEST, values.size() + " '" + TOKEN_PARAMETER + "' query parameters; expected exactly one");
        }
        if (!ConstantTime.equals(values.get(0), endpoint.secret().value())) {
            return reject(Status.FORBIDDEN, "?" + TOKEN_PARAMETER + "= does not match the token configured for the "
                    + endpoint.kind() + " webhook");
        }
        return Optional.empty();
    }

    /** GitHub: HMAC-SHA256 of the raw body with the webhook's secret. */
    static Optional<Rejected> githubSignature(WebhookRequest request, WebhookEndpoint endpoint) {
        List<String> values = request.header(HmacSignatures.GITHUB_HEADER);
        if (values.size() > 1) {
            return reject(Status.BAD_REQUEST, values.size() + " " + HmacSignatures.GITHUB_HEADER
                    + " headers; expected exactly one");
        }
        String presented = values.isEmpty() ? null : values.get(0);
        return switch (HmacSignatures.verify(endpoint.secret(), request.bodyBytes(), presented)) {
            case VALID -> Optional.empty();
            case MISSING -> reject(Status.UNAUTHORIZED, request.header(LEGACY_GITHUB_HEADER).isEmpty()
                    ? "missing " + HmacSignatures.GITHUB_HEADER + " header; give the GitHub webhook a secret"
                    : "only the SHA-1 " + LEGACY_GITHUB_HEADER + " header was sent; expected "
                            + HmacSignatures.GITHUB_HEADER);
            case MALFORMED -> reject(Status.BAD_REQUEST, HmacSignatures.GITHUB_HEADER
                    + " is not of the form sha256=<64 hex digits>");
            case MISMATCH -> reject(Status.FORBIDDEN, HmacSignatures.GITHUB_HEADER
                    + " does not match the body signed with the configured secret");
        };
    }

    private static Optional<Rejected> reject(Status status, String message) {
        return Optional.of(new Rejected(status, message));
    }
}
