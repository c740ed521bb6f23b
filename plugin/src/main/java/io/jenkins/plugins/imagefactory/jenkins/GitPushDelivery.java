package io.jenkins.plugins.imagefactory.jenkins;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagefactory.secret.Secret;
import io.jenkins.plugins.imagefactory.state.StateMapper;
import io.jenkins.plugins.imagefactory.webhook.HmacSignatures;
import java.io.IOException;

/**
 * The config repo's GitHub {@code push} webhook, judged by the same rules as {@code serve}'s
 * {@code /webhook/git}: the signature over the raw bytes first (core's {@link HmacSignatures}),
 * then the event, then the branch. A signed push to the configured branch means "sync now".
 */
final class GitPushDelivery {

    enum Outcome { SYNC, IGNORED, REJECTED }

    record Verdict(int status, Outcome outcome, String message) {
    }

    private GitPushDelivery() {
    }

    static Verdict judge(Secret secret, String branch, String event, String signature, byte[] body, int maxBodyBytes) {
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

    private static String quote(String untrusted) {
        if (untrusted == null) {
            return "(none)";
        }
        String clean = untrusted.replaceAll("\\p{Cntrl}", "?");
        return "\"" + (clean.length() > 100 ? clean.substring(0, 100) + "…" : clean) + "\"";
    }
}
