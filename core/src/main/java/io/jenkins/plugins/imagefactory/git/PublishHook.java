package io.jenkins.plugins.imagefactory.git;

/**
 * Called by {@link ConfigRepository#publish} at each of its steps, on the publishing thread.
 * Production uses {@link #NONE}; tests and the chaos harness pause a publish here to let another
 * writer push in between, which is how a race with a concurrent writer is made to happen for sure.
 */
@FunctionalInterface
public interface PublishHook {

    PublishHook NONE = (step, attempt) -> { };

    /** The points of one publish attempt, in order. */
    enum Step {
        /** The work tree is the remote head; the writer has not run yet. */
        BEFORE_WRITE,
        /** The writer ran; nothing is committed yet. */
        BEFORE_COMMIT,
        /** The commit exists locally; the push has not started. */
        BEFORE_PUSH,
        /** The remote accepted the push. */
        PUSHED
    }

    void at(Step step, int attempt);
}
