package io.jenkins.plugins.imagefactory.trigger;

import java.time.Instant;

/**
 * A build system's run, as far as we can tell.
 *
 * @param state      where it is
 * @param id         the build system's id for it (workflow run id, Jenkins build URL, ...), or {@code null}
 * @param url        a page people can open, or {@code null}
 * @param startedAt  when it started, or {@code null}
 * @param finishedAt when it finished, or {@code null}
 * @param message    the build system's words on a failure, or {@code null}
 */
public record RunStatus(State state, String id, String url, Instant startedAt, Instant finishedAt, String message) {

    public enum State {
        /** accepted, not started (queued, waiting for a runner) */
        QUEUED,
        RUNNING,
        SUCCEEDED,
        FAILED,
        /** dispatched, but the build system cannot (yet) say which run it became */
        UNKNOWN;

        public boolean finished() {
            return this == SUCCEEDED || this == FAILED;
        }
    }

    public static RunStatus dispatched(String url) {
        return new RunStatus(State.UNKNOWN, null, url, null, null, null);
    }
}
