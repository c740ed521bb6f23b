package io.jenkins.plugins.imagefactory.rebuild;

import java.util.Locale;

/** Where a managed image stands this cycle. */
public enum RebuildStatus {
    /** Built against the newest digest of every base it follows. */
    UP_TO_DATE,
    /** A base has a newer digest, but none has aged its delay yet. */
    WAITING_FOR_DELAY,
    /** Due, but a managed image it builds on is about to be rebuilt first. */
    WAITING_FOR_ANCESTOR,
    /** Due: the next cycle (this one) triggers it. */
    DUE,
    /** Due, but {@code auto: false}: marked for a person to trigger. */
    REBUILD_AVAILABLE,
    /** A build is dispatched or running; new updates wait for it to finish. */
    RUNNING,
    /** The build system could not be reached to start the build; the intent stays and is tried again. */
    DISPATCH_FAILED,
    /** Three rebuilds in a row failed: no automatic trigger until a success or a reset. */
    BREAKER_OPEN,
    /** Part of a dependency cycle, its Dockerfile cannot be read, or its bases have never been checked. */
    BLOCKED;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
