package io.jenkins.plugins.imagefactory.webhook;

import java.util.List;
import java.util.Objects;

/** What the receiver made of one delivery. Hosts map it to an HTTP response with {@link #httpStatus()}. */
public sealed interface WebhookResult permits WebhookResult.Accepted, WebhookResult.Ignored, WebhookResult.Rejected {

    /** The HTTP status a host answers with. */
    int httpStatus();

    /** Authentic pushes of tags: each hint wakes a digest check. Never empty. */
    record Accepted(List<PushHint> hints) implements WebhookResult {
        public Accepted {
            hints = List.copyOf(hints);
            if (hints.isEmpty()) {
                throw new IllegalArgumentException("an accepted delivery carries at least one hint; use Ignored");
            }
        }

        @Override
        public int httpStatus() {
            return 202;
        }
    }

    /**
     * Authentic and well-formed, but nothing to check: a pull, a delete, a ping, an untagged push.
     * Answered with 200 so that senders do not retry it.
     */
    record Ignored(String reason) implements WebhookResult {
        public Ignored {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public int httpStatus() {
            return 200;
        }
    }

    /** Not authentic, not understood, or not for a configured kind. No hint is produced. */
    record Rejected(Status status, String message) implements WebhookResult {
        public Rejected {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public int httpStatus() {
            return status.httpStatus();
        }
    }

    enum Status {
        /** No credential at all: no signature, no Authorization header, no token. */
        UNAUTHORIZED(401),
        /** A credential that does not match the configured one. */
        FORBIDDEN(403),
        /** Authentic (or not yet checked) but unreadable: not JSON, missing fields, wrong types, too big. */
        BAD_REQUEST(400),
        /** The path names no kind, or a kind this receiver has no endpoint configured for. */
        UNKNOWN_KIND(404);

        private final int httpStatus;

        Status(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }
}
