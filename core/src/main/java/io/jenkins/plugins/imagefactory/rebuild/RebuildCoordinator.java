package io.jenkins.plugins.imagefactory.rebuild;

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
            } else if (BuildRecord.DISPATCHING.equals(build.status())) {
                state = recover(state, build, context, events, intents, now, summary, enrollment);
            } else {
                state = follow(state, build, context, events, summary, now, enrollment);
            }
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
            RebuildState state = next.get(name).withBuild(intent).withRequest(null);
            if (request != null) {
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
                    // The intent stays "dispatching": next cycle asks the build system first, then retries.
                    events.add(Event.of(now, "rebuild-trigger-error", image, details(context.key(),
                            context.build().kind(), null, e.getMessage() + " (will retry next cycle)")));
                    summary.add(TRIGGER_ERROR, context.image() + ": " + e.getMessage() + " (will retry)");
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

    /**
     * A result reported from outside (CLI {@code record-build}, a pipeline step, a webhook builder).
     * Reporting a result the last build already has changes nothing, so a build system that both
     * answers our polling and reports back is recorded once.
     */
    public RebuildState record(Enrollment enrollment, RebuildState state, boolean success, String digest, String runUrl,
                               String actor, Instant now, List<Event> events, CycleSummary summary) {
        String reported = success ? BuildRecord.SUCCEEDED : BuildRecord.FAILED;
        if (state.active().isEmpty() && state.last().map(b -> b.status().equals(reported)).orElse(false)) {
            return state;
        }
        BuildRecord build = state.active().or(state::last).orElseGet(() -> new BuildRecord("external-" + now.toEpochMilli(),
                BuildRecord.DISPATCHING, now, actor, null, List.of(), enrollment.build().kind(), null, null, null, null, null));
        BuildRecord done = build.withOutcome(success ? BuildRecord.SUCCEEDED : BuildRecord.FAILED, runUrl, now, digest,
                success ? null : "reported failed by " + actor);
        return finish(state, done, events, summary, now, enrollment);
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
        }
        Map<String, Object> details = details(done.key(), done.buildSystem(), done.runUrl(), done.message());
        details.put("result", success ? "success" : "failure");
        details.put("digest", done.digest());
        if (done.requestedAt() != null && done.finishedAt() != null) {
            details.put("durationSeconds", java.time.Duration.between(done.requestedAt(), done.finishedAt()).toSeconds());
        }
        events.add(Event.of(now, "rebuild-result", enrollment.references().get(0).canonical(), details));
        summary.add(success ? SUCCEEDED : FAILED, enrollment.name() + (done.runUrl() == null ? "" : " " + done.runUrl()));
        return next;
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
