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
            // a concurrent push holding the ref lock is a race, anything else a policy
            case REJECTED_OTHER_REASON -> message != null && message.toLowerCase(Locale.ROOT).contains("lock")
                    ? Kind.RACE_LOST : Kind.REFUSED;
            case NOT_ATTEMPTED, AWAITING_REPORT -> Kind.UNCONFIRMED;
            case REJECTED_NODELETE, NON_EXISTING -> Kind.REFUSED;
        };
        return new PushOutcome(kind, detail);
    }
}
