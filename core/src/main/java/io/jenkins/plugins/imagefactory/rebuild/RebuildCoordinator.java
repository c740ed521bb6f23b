package io.jenkins.plugins.imagefactory.rebuild;

import io.jenkins.plugins.imagefactory.config.Durations;
import io.jenkins.plugins.imagefactory.config.Enrollment;
import io.jenkins.plugins.imagefactory.config.ImageFactoryConfig;
import io.jenkins.plugins.imagefactory.graph.ImageGraph;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.state.BuildRecord;
import io.jenkins.plugins.imagefactory.state.BuildRecord.BuildCause;
import io.jenkins.plugins.imagefactory.state.Event;
import io.jenkins.plugins.imagefactory.state.ImageState;
import io.jenkins.plugins.imagefactory.state.RebuildRequest;
import io.jenkins.plugins.imagefactory.state.RebuildState;
import io.jenkins.plugins.imagefactory.sync.CycleSummary;
import io.jenkins.plugins.imagefactory.trigger.BuildTrigger;
import io.jenkins.plugins.imagefactory.trigger.RebuildContext;
import io.jenkins.plugins.imagefactory.trigger.RunStatus;
import io.jenkins.plugins.imagefactory.trigger.TriggerException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries rebuilds through their life: follows running builds to their results, plans, records
 * intents (committed before anything is dispatched), dispatches them, and records what the build
 * systems said. Each step returns new state; the engine commits it.
 */
public final class RebuildCoordinator {

    public static final String QUEUED = "rebuild queued";
    public static final String TRIGGERED = "rebuild triggered";
    public static final String SUCCEEDED = "rebuild succeeded";
    public static final String FAILED = "rebuild failed";
    /** A build system took a dispatch it could not confirm; the intent stays and is retried. */
    public static final String TRIGGER_ERROR = "rebuild trigger error";
    /** A followed build moved on (queued, running) or named its run page. */
    public static final String PROGRESS = "rebuild status change";
    /** An intent left by a crash was found in the build system. */
    public static final String RECOVERED = "rebuild recovered";
    public static final String TIMED_OUT = "rebuild timed out";

    private static final Logger LOG = LoggerFactory.getLogger(RebuildCoordinator.class);

    private final Function<String, Optional<BuildTrigger>> triggers;

    /**
     * @param triggers the host's build systems, by {@code build:} kind
     */
    public RebuildCoordinator(Function<String, Optional<BuildTrigger>> triggers) {
        this.triggers = triggers;
    }

    /**
     * @param rebuilds new rebuild state per enrollment
     * @param events   what happened, for the audit log
     * @param intents  recorded intents to dispatch once they are committed, in order
     * @param plan     the plan they came from
     */
    public record Step(Map<String, RebuildState> rebuilds, List<Event> events, List<RebuildContext> intents,
                       RebuildPlan plan) {
    }

    /** Follows active builds, plans, and records an intent for every due image. */
    public Step prepare(ImageFactoryConfig config, ImageGraph graph, Map<String, ImageState> images,
                        Map<String, RebuildState> rebuilds, Instant now, CycleSummary summary) {
        Map<String, RebuildState> next = new TreeMap<>(rebuilds);
        List<Event> events = new ArrayList<>();
        List<RebuildContext> intents = new ArrayList<>();

        for (Enrollment enrollment : config.enrollments()) {
            RebuildState state = next.get(enrollment.name());
            if (state == null || state.active().isEmpty()) {
                continue;
            }
            BuildRecord build = state.active().get();
            RebuildContext context = context(enrollment, build);
            Optional<String> pushed = ownPushSince(enrollment, images, build.requestedAt());
            if (pushed.isPresent()) {
                state = finish(state, build.withOutcome(BuildRecord.SUCCEEDED, null, now, pushed.get(),
                        "completed: the image's own new digest was pushed"), events, summary, now, enrollment);
            } else if (build.isDispatchFailing() && build.retryAt().isAfter(now)) {
                // Its last dispatch failed; it is tried again at retryAt, not every cycle.
            } else if (BuildRecord.DISPATCHING.equals(build.status())) {
                state = recover(state, build, context, events, intents, now, summary, enrollment);
            } else {
                state = follow(state, build, context, events, summary, now, enrollment);
            }
            state = timeOut(state, enrollment, intents, events, summary, now);
            next.put(enrollment.name(), state);
        }

        RebuildPlan plan = RebuildPlanner.plan(config, graph, images, next, now);
        for (String name : plan.dispatch()) {
            PlannedRebuild planned = plan.image(name).orElseThrow();
            Enrollment enrollment = config.enrollment(name).orElseThrow();
            RebuildRequest request = planned.request();
            BuildRecord intent = new BuildRecord(planned.key(), BuildRecord.DISPATCHING, now,
                    request == null ? Event.SYSTEM : request.actor(), request == null ? null : request.reason(),
                    planned.causes(), enrollment.build().kind(), null, null, null, null,
                    request != null && request.urgent() ? Boolean.TRUE : null);
            // The request stays until a build for it succeeds, so a failed one is retried with its urgency.
            RebuildState state = next.get(name).withBuild(intent)
                    .withRequest(request == null ? null : request.takenBy(intent.key()));
            if (request != null && request.takenBy() == null) {
                state = state.withBreakerReset(now);
            }
            next.put(name, state);
            intents.add(context(enrollment, intent));
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("key", intent.key());
            details.put("causes", describe(planned.causes()));
            details.put("urgent", intent.urgent());
            details.put("reason", intent.reason());
            events.add(new Event(now, "rebuild-queued", enrollment.references().get(0).canonical(), intent.actor(), details));
            summary.add(QUEUED, name + " (" + (planned.causes().isEmpty() ? "manual" : String.join(", ",
                    describe(planned.causes()))) + ")");
        }
        return new Step(next, events, intents, plan);
    }

    /** Dispatches committed intents, in order; one failure never stops the others. */
    public Step dispatch(ImageFactoryConfig config, List<RebuildContext> intents, Map<String, RebuildState> rebuilds,
                         Instant now, CycleSummary summary, RebuildPlan plan) {
        Map<String, RebuildState> next = new TreeMap<>(rebuilds);
        List<Event> events = new ArrayList<>();
        for (RebuildContext context : intents) {
            RebuildState state = next.get(context.image());
            BuildRecord build = state.builds().stream().filter(b -> b.key().equals(context.key())).findFirst().orElseThrow();
            String image = context.references().get(0);
            Optional<BuildTrigger> trigger = triggers.apply(context.build().kind());
            if (trigger.isEmpty()) {
                String message = "no " + context.build().kind() + " build system is configured on this host";
                next.put(context.image(), state.withBuild(build.withOutcome(BuildRecord.FAILED, null, now, null, message)));
                events.add(Event.of(now, "rebuild-trigger-failed", image, Map.of("key", context.key(), "error", message)));
                summary.add(FAILED, context.image() + ": " + message);
                continue;
            }
            try {
                RunStatus status = trigger.get().dispatch(context);
                BuildRecord dispatched = apply(build, status, now);
                next.put(context.image(), state.withBuild(dispatched));
                events.add(Event.of(now, "rebuild-triggered", image, details(context.key(), context.build().kind(),
                        dispatched.runUrl(), null)));
                summary.add(TRIGGERED, context.image() + " via " + context.build().kind()
                        + (dispatched.runUrl() == null ? "" : " " + dispatched.runUrl()));
                LOG.info("Triggered rebuild of {} ({}) via {}", context.image(), context.key(), context.build().kind());
            } catch (TriggerException e) {
                LOG.warn("Could not trigger rebuild of {} ({}) via {}: {}", context.image(), context.key(),
                        context.build().kind(), e.getMessage());
                if (e.isTransient()) {
                    // The intent stays "dispatching": at retryAt a cycle asks the build system first, then retries.
                    Instant retryAt = retryAt(build, now);
                    next.put(context.image(), state.withBuild(build.withDispatchRetry(e.getMessage(), retryAt)));
                    Map<String, Object> details = details(context.key(), context.build().kind(), null, e.getMessage());
                    details.put("retryAt", retryAt.toString());
                    events.add(Event.of(now, "rebuild-trigger-error", image, details));
                    summary.add(TRIGGER_ERROR, context.image() + ": " + e.getMessage() + " (will retry at " + retryAt + ")");
                } else {
                    next.put(context.image(), state.withBuild(build.withOutcome(BuildRecord.FAILED, null, now, null,
                            e.getMessage())));
                    events.add(Event.of(now, "rebuild-trigger-failed", image, details(context.key(),
                            context.build().kind(), null, e.getMessage())));
                    summary.add(FAILED, context.image() + ": " + e.getMessage());
                }
            } catch (RuntimeException e) {
                // one image's surprise (an incomplete answer, a bug) must not cost the others their dispatch
                String message = "unexpected " + e.getClass().getSimpleName() + " dispatching via " + context.build().kind()
                        + ": " + e.getMessage();
                LOG.warn("Could not trigger rebuild of {} ({}): {}", context.image(), context.key(), message, e);
                next.put(context.image(), state.withBuild(build.withOutcome(BuildRecord.FAILED, null, now, null, message)));
                events.add(Event.of(now, "rebuild-trigger-failed", image, details(context.key(), context.build().kind(),
                        null, message)));
                summary.add(FAILED, context.image() + ": " + message);
            }
        }
        return new Step(next, events, List.of(), plan);
    }

    /** What a reported result did. */
    public sealed interface Recording {

        /** The result is recorded: {@code state} is the new bookkeeping, {@code build} the finished build. */
        record Recorded(RebuildState state, BuildRecord build) implements Recording {
        }

        /**
         * Nothing changed: the build already finished, and a finished result is not rewritten
         * without {@code force} (a builder that reports twice, or a result the poll already saw).
         */
        record AlreadyFinished(BuildRecord build, String message) implements Recording {
        }
    }

    /**
     * A result reported from outside (CLI {@code record-build}, the API, a pipeline step, a webhook
     * builder). It completes the build named by the report's key, which must be the image's current
     * build (the one in progress, else the last one); without a key, the build in progress. Nothing
     * is invented: with no build at all, the report is refused.
     *
     * @throws NotCurrentBuildException the report names no build of this image, or not its current one
     */
    public Recording record(Enrollment enrollment, RebuildState state, BuildReport report, Instant now, List<Event> events,
                            CycleSummary summary) {
        String name = enrollment.name();
        BuildRecord current = state.active().or(state::last).orElseThrow(() -> new NotCurrentBuildException(name
                + " has no build in progress and none recorded: nothing to complete. A build started outside Image"
                + " Factory is seen when the image's new digest is pushed"));
        BuildRecord target = current;
        if (report.key() != null) {
            target = state.builds().stream().filter(b -> b.key().equals(report.key())).findFirst()
                    .orElseThrow(() -> new NotCurrentBuildException("no build " + report.key() + " of " + name
                            + "; its current build is " + describe(current)));
            if (!target.key().equals(current.key())) {
                throw new NotCurrentBuildException(report.key() + " is not the current build of " + name + " ("
                        + describe(target) + "); the current one is " + describe(current) + ": nothing recorded");
            }
        }
        String status = report.success() ? BuildRecord.SUCCEEDED : BuildRecord.FAILED;
        if (target.isFinished() && !report.force()) {
            String message = (report.key() == null ? name + " has no build in progress; its last build " : "build ")
                    + describe(target) + (status.equals(target.status()) ? "; nothing changed"
                    : "; a finished result is not rewritten (pass --key " + target.key() + " --force to correct it)");
            return new Recording.AlreadyFinished(target, message);
        }
        RebuildState base = state;
        if (BuildRecord.SUCCEEDED.equals(target.status()) && !report.success()) {
            // Corrected to a failure: the image is no longer built on what that build took in.
            Map<String, String> against = new TreeMap<>(state.builtAgainst());
            target.causes().stream().filter(c -> c.oldDigest() != null).forEach(c -> against.put(c.base(), c.oldDigest()));
            base = state.withBuiltAgainst(against);
        }
        BuildRecord done = target.withOutcome(status, report.runUrl(), now, report.digest(),
                report.success() ? null : "reported failed by " + report.actor());
        int before = events.size();
        RebuildState next = finish(base, done, events, summary, now, enrollment);
        for (int i = before; i < events.size(); i++) {
            Event event = events.get(i);
            events.set(i, new Event(event.time(), event.kind(), event.image(), report.actor(), event.details()));
        }
        return new Recording.Recorded(next, done);
    }

    /** {@code 3f9a…-1 (running since 2026-…)} or {@code 3f9a…-1 (succeeded at 2026-…)}. */
    static String describe(BuildRecord build) {
        return build.key() + " (" + build.status() + (build.isFinished() && build.finishedAt() != null
                ? " at " + build.finishedAt() : build.requestedAt() != null ? " since " + build.requestedAt() : "") + ")";
    }

    private RebuildState recover(RebuildState state, BuildRecord build, RebuildContext context, List<Event> events,
                                 List<RebuildContext> intents, Instant now, CycleSummary summary, Enrollment enrollment) {
        Optional<BuildTrigger> trigger = triggers.apply(build.buildSystem());
        if (trigger.isEmpty()) {
            intents.add(context);
            return state;
        }
        try {
            Optional<RunStatus> found = trigger.get().find(context);
            if (found.isPresent()) {
                BuildRecord resolved = apply(build, found.get(), now);
                events.add(Event.of(now, "rebuild-recovered", enrollment.references().get(0).canonical(),
                        details(build.key(), build.buildSystem(), resolved.runUrl(), null)));
                summary.add(RECOVERED, enrollment.name() + " " + build.key() + " found in " + build.buildSystem() + " as "
                        + resolved.status() + (resolved.runUrl() == null ? "" : " " + resolved.runUrl()));
                return resolved.isActive() ? state.withBuild(resolved) : finish(state, resolved, events, summary, now, enrollment);
            }
            intents.add(context);
        } catch (TriggerException e) {
            LOG.warn("Could not look up rebuild {} of {} in {}: {}", build.key(), enrollment.name(), build.buildSystem(),
                    e.getMessage());
        }
        return state;
    }

    private RebuildState follow(RebuildState state, BuildRecord build, RebuildContext context, List<Event> events,
                                CycleSummary summary, Instant now, Enrollment enrollment) {
        Optional<BuildTrigger> trigger = triggers.apply(build.buildSystem());
        if (trigger.isEmpty()) {
            return state;
        }
        try {
            RunStatus known = new RunStatus(RunStatus.State.RUNNING, null, build.runUrl(), null, null, null);
            BuildRecord polled = apply(build, trigger.get().poll(context, known), now);
            if (polled.isActive()) {
                if (polled.equals(build)) {
                    return state;
                }
                summary.add(PROGRESS, enrollment.name() + " " + build.status() + " -> " + polled.status()
                        + (polled.runUrl() == null ? "" : " " + polled.runUrl()));
                return state.withBuild(polled);
            }
            return finish(state, polled, events, summary, now, enrollment);
        } catch (TriggerException e) {
            LOG.warn("Could not poll rebuild {} of {} in {}: {}", build.key(), enrollment.name(), build.buildSystem(),
                    e.getMessage());
            return state;
        }
    }

    private static BuildRecord apply(BuildRecord build, RunStatus status, Instant now) {
        return switch (status.state()) {
            case SUCCEEDED -> build.withOutcome(BuildRecord.SUCCEEDED, status.url(),
                    status.finishedAt() != null ? status.finishedAt() : now, null, null);
            case FAILED -> build.withOutcome(BuildRecord.FAILED, status.url(),
                    status.finishedAt() != null ? status.finishedAt() : now, null, status.message());
            case RUNNING -> build.withProgress(BuildRecord.RUNNING, status.url());
            case QUEUED, UNKNOWN -> build.withProgress(BuildRecord.TRIGGERED, status.url());
        };
    }

    private RebuildState finish(RebuildState state, BuildRecord done, List<Event> events, CycleSummary summary,
                                Instant now, Enrollment enrollment) {
        RebuildState next = state.withBuild(done);
        boolean success = BuildRecord.SUCCEEDED.equals(done.status());
        if (success) {
            Map<String, String> against = new TreeMap<>(state.builtAgainst());
            done.causes().forEach(c -> against.put(c.base(), c.newDigest()));
            next = next.withBuiltAgainst(against);
            if (state.request() != null && done.key().equals(state.request().takenBy())) {
                next = next.withRequest(null);
            }
        }
        Map<String, Object> details = details(done.key(), done.buildSystem(), done.runUrl(), done.message());
        details.put("result", success ? "success" : BuildRecord.TIMED_OUT.equals(done.status()) ? "timed-out" : "failure");
        details.put("digest", done.digest());
        if (done.requestedAt() != null && done.finishedAt() != null) {
            details.put("durationSeconds", Duration.between(done.requestedAt(), done.finishedAt()).toSeconds());
        }
        events.add(Event.of(now, "rebuild-result", enrollment.references().get(0).canonical(), details));
        summary.add(success ? SUCCEEDED : BuildRecord.TIMED_OUT.equals(done.status()) ? TIMED_OUT : FAILED,
                enrollment.name() + (done.runUrl() == null ? "" : " " + done.runUrl()));
        return next;
    }

    /**
     * A build past its {@code build.timeout} is finished without a result: timed out (counts toward
     * the breaker), or, for one that could never be dispatched, failed. Either way the image is no
     * longer stuck: the next due rebuild is a new build.
     */
    private RebuildState timeOut(RebuildState state, Enrollment enrollment, List<RebuildContext> intents,
                                 List<Event> events, CycleSummary summary, Instant now) {
        Optional<BuildRecord> active = state.active();
        if (active.isEmpty() || active.get().requestedAt() == null
                || active.get().requestedAt().plus(enrollment.buildTimeout()).isAfter(now)) {
            return state;
        }
        BuildRecord build = active.get();
        intents.removeIf(intent -> intent.key().equals(build.key()));
        String limit = Durations.format(enrollment.buildTimeout());
        BuildRecord done = BuildRecord.DISPATCHING.equals(build.status())
                ? build.withOutcome(BuildRecord.FAILED, null, now, null, "could not be dispatched within " + limit
                        + " (build.timeout)" + (build.message() == null ? "" : "; last error: " + build.message()))
                : build.withOutcome(BuildRecord.TIMED_OUT, null, now, null, "no result within " + limit
                        + " (build.timeout). If the build did finish, report it: image-factory record-build "
                        + enrollment.name() + " --key " + build.key() + " --result success|failure --force;"
                        + " otherwise the next due rebuild starts a new build");
        return finish(state, done, events, summary, now, enrollment);
    }

    /**
     * When a failed dispatch is tried again: half the intent's age, at least a minute, at most an
     * hour, so a build system that is briefly down is retried soon and one that stays down is not
     * hammered.
     */
    static Instant retryAt(BuildRecord build, Instant now) {
        Duration age = build.requestedAt() == null ? Duration.ZERO
                : Duration.between(build.requestedAt(), now);
        Duration wait = age.dividedBy(2);
        if (wait.compareTo(Duration.ofMinutes(1)) < 0) {
            wait = Duration.ofMinutes(1);
        } else if (wait.compareTo(Duration.ofHours(1)) > 0) {
            wait = Duration.ofHours(1);
        }
        return now.plus(wait);
    }

    /** A new digest of one of the image's own tags first seen after the build was requested. */
    private static Optional<String> ownPushSince(Enrollment enrollment, Map<String, ImageState> images, Instant since) {
        for (ImageReference reference : enrollment.references()) {
            ImageState state = images.get(reference.canonical());
            if (state != null && state.current().isPresent() && since != null
                    && state.current().get().firstSeen().isAfter(since) && state.history().size() > 1) {
                return Optional.of(state.digest());
            }
        }
        return Optional.empty();
    }

    static RebuildContext context(Enrollment enrollment, BuildRecord build) {
        return new RebuildContext(enrollment.name(), enrollment.references().stream().map(ImageReference::canonical).toList(),
                build.key(), Boolean.TRUE.equals(build.urgent()), build.actor(), build.reason(), build.causes(),
                build.requestedAt(), enrollment.build());
    }

    private static List<String> describe(List<BuildCause> causes) {
        return causes.stream().map(c -> c.base() + " -> " + c.newDigest()).toList();
    }

    private static Map<String, Object> details(String key, String buildSystem, String runUrl, String message) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("key", key);
        details.put("buildSystem", buildSystem);
        details.put("runUrl", runUrl);
        details.put("message", message);
        return details;
    }
}
