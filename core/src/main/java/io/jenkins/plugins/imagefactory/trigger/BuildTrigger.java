package io.jenkins.plugins.imagefactory.trigger;

import java.util.Optional;

/**
 * The port every build system implements: start a rebuild, find it again after a crash, follow it
 * to its result. One class per build system; the engine never knows which it talks to.
 */
public interface BuildTrigger {

    /** The {@code build:} kind this trigger serves: {@code github-actions}, {@code jenkins}, {@code webhook}. */
    String kind();

    /**
     * Starts the rebuild. Implementations retry transient failures with backoff themselves and then
     * throw; they never start the same {@code context.key()} twice on their own.
     *
     * @return what is known right after dispatch (often {@link RunStatus.State#UNKNOWN} with no id yet)
     */
    RunStatus dispatch(RebuildContext context) throws TriggerException;

    /**
     * Looks for a run carrying {@code context.key()}: used after a restart to resolve an intent that
     * has no recorded outcome, and to learn the run of a dispatch that returned no id.
     */
    Optional<RunStatus> find(RebuildContext context) throws TriggerException;

    /** The current status of a run found or dispatched earlier. */
    RunStatus poll(RebuildContext context, RunStatus known) throws TriggerException;
}
