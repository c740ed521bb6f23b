package io.jenkins.plugins.imagefactory.git;

import java.util.Locale;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/** What became of one push, sorted by what the publisher should do next. */
record PushOutcome(Kind kind, String detail) {

    enum Kind {
        /** The remote branch now holds the commit. */
        ACCEPTED,
        /** The remote moved meanwhile: fetch, reset, write again, retry. */
        RACE_LOST,
        /** No answer (network): the commit may or may not have landed; fetch tells. */
        UNCONFIRMED,
        /** The remote said no for a reason retrying cannot fix (protected branch, hook). */
        REFUSED
    }

    static PushOutcome of(RemoteRefUpdate.Status status, String message) {
        String detail = status + (message == null || message.isBlank() ? "" : " (" + message + ")");
        Kind kind = switch (status) {
            case OK, UP_TO_DATE -> Kind.ACCEPTED;
            case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED -> Kind.RACE_LOST;
            // Native servers report a lost race as "failed to update ref" or "cannot lock ref": retry it
            // like a non-fast-forward (the publisher gives up when the head did not move); only words
            // of a policy (a hook, a protected branch, a permission) make it a refusal at once.
            case REJECTED_OTHER_REASON -> isPolicy(message) ? Kind.REFUSED : Kind.RACE_LOST;
            case NOT_ATTEMPTED, AWAITING_REPORT -> Kind.UNCONFIRMED;
            case REJECTED_NODELETE, NON_EXISTING -> Kind.REFUSED;
        };
        return new PushOutcome(kind, detail);
    }

    private static boolean isPolicy(String message) {
        String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
        return text.contains("hook declined") || text.contains("protected") || text.contains("permission")
                || text.contains("denied") || text.contains("not allowed") || text.contains("forbidden");
    }
}
