package io.jenkins.plugins.imagefactory.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagefactory.secret.Secret;
import io.jenkins.plugins.imagefactory.state.StateMapper;
import java.io.IOException;
import java.util.Objects;

/**
 * The config repo's GitHub {@code push} webhook: a signed push to the configured branch means
 * "sync now", so an enrollment merged through Backstage is acted on at once instead of at the
 * next scheduled cycle. Both hosts judge deliveries here and only translate the verdict to HTTP.
 *
 * @param secret the webhook's HMAC secret
 * @param branch the config repo's branch; pushes to other branches are ignored
 */
public record ConfigRepoPushWebhook(Secret secret, String branch) {

    public ConfigRepoPushWebhook {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(branch, "branch");
        if (secret.value().isEmpty()) {
            throw new IllegalArgumentException("the git webhook secret is empty; set a non-empty secret");
        }
    }

    /** What a delivery amounts to. */
    public enum Outcome { SYNC, IGNORED, REJECTED }

    /**
     * @param status  the HTTP status to answer with
     * @param outcome whether to ask for a sync
     * @param message why, for the response body and the log; never a secret
     */
    public record Verdict(int status, Outcome outcome, String message) {
    }

    /**
     * Judges one delivery: the signature first (over the raw bytes), then the event, then the branch.
     *
     * @param event     the {@code X-GitHub-Event} header, or {@code null}
     * @param signature the {@code X-Hub-Signature-256} header, or {@code null}
     */
    public Verdict judge(String event, String signature, byte[] body, int maxBodyBytes) {
        if (body.length > maxBodyBytes) {
            return new Verdict(413, Outcome.REJECTED, "body has more than " + maxBodyBytes
                    + " bytes; a config repo push webhook body may have at most " + maxBodyBytes);
        }
        switch (HmacSignatures.verify(secret, body, signature)) {
            case MISSING:
                return new Verdict(401, Outcome.REJECTED, "missing " + HmacSignatures.GITHUB_HEADER
                        + " header; give the config repo's GitHub webhook the configured secret");
            case MALFORMED:
                return new Verdict(403, Outcome.REJECTED, HmacSignatures.GITHUB_HEADER
                        + " is not of the form sha256=<64 hex digits>");
            case MISMATCH:
                return new Verdict(403, Outcome.REJECTED, HmacSignatures.GITHUB_HEADER
                        + " does not match the body signed with the configured secret");
            default:
                break;
        }
        if ("ping".equals(event)) {
            return new Verdict(200, Outcome.IGNORED, "pong");
        }
        if (!"push".equals(event)) {
            return new Verdict(200, Outcome.IGNORED, "event " + quote(event) + " ignored; only push events trigger a sync");
        }
        JsonNode payload;
        try {
            payload = StateMapper.json().readTree(body);
        } catch (IOException e) {
            return new Verdict(400, Outcome.REJECTED, "push payload is not JSON; set the webhook's content type to application/json");
        }
        JsonNode ref = payload == null ? null : payload.get("ref");
        if (ref == null || !ref.isTextual()) {
            return new Verdict(400, Outcome.REJECTED, "push payload has no string /ref");
        }
        String wanted = "refs/heads/" + branch;
        if (!wanted.equals(ref.asText())) {
            return new Verdict(200, Outcome.IGNORED, "push to " + quote(ref.asText()) + " ignored; the config branch is " + wanted);
        }
        return new Verdict(202, Outcome.SYNC, "push to " + wanted + ": sync requested");
    }

    /** Quotes sender-supplied text, shortened and stripped of control characters, for messages and logs. */
    private static String quote(String untrusted) {
        if (untrusted == null) {
            return "(none)";
        }
        String clean = untrusted.replaceAll("\\p{Cntrl}", "?");
        return "\"" + (clean.length() > 100 ? clean.substring(0, 100) + "…" : clean) + "\"";
    }
}
