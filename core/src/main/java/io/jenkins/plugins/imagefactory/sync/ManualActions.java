package io.jenkins.plugins.imagefactory.sync;

import io.jenkins.plugins.imagefactory.config.ConfigLoader;
import io.jenkins.plugins.imagefactory.config.Enrollment;
import io.jenkins.plugins.imagefactory.config.ImageFactoryConfig;
import io.jenkins.plugins.imagefactory.git.CommitMessage;
import io.jenkins.plugins.imagefactory.git.ConfigRepository;
import io.jenkins.plugins.imagefactory.config.Suggestions;
import io.jenkins.plugins.imagefactory.git.PublishResult;
import io.jenkins.plugins.imagefactory.rebuild.BuildReport;
import io.jenkins.plugins.imagefactory.rebuild.RebuildCoordinator;
import io.jenkins.plugins.imagefactory.state.Event;
import io.jenkins.plugins.imagefactory.state.RebuildRequest;
import io.jenkins.plugins.imagefactory.state.RebuildState;
import io.jenkins.plugins.imagefactory.state.StateStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What people and pipelines ask for between cycles: a (possibly urgent) rebuild, a breaker reset,
 * a build result. Each is committed to the config repo at once, so it is audited and survives a
 * restart; the next cycle acts on it. Each writer re-reads the work tree, so a retried publish
 * applies the request once on the new head.
 */
public final class ManualActions {

    private final ConfigRepository repository;
    private final Clock clock;

    public ManualActions(ConfigRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /**
     * Asks for a rebuild of enrollment {@code name}; urgent ones need a reason and bypass the delay.
     * A request made while another is pending is folded into it, so urgency once asked for is kept
     * until a build for it succeeds (see {@link RebuildRequest#merge}).
     *
     * @param base with {@code urgent}: bypass the delay of this base only; it must be a base the image uses
     * @throws IllegalArgumentException the request is refused: why, and what was expected
     */
    public PublishResult requestRebuild(String name, boolean urgent, String reason, String base, String actor) {
        if (urgent && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("an urgent rebuild needs a reason (e.g. the CVE id)");
        }
        checkReason(reason);
        if (base != null && !urgent) {
            throw new IllegalArgumentException("a base applies to urgent rebuilds only: it says which base's delay to bypass");
        }
        ImageFactoryConfig config = refreshConfig();
        Enrollment enrollment = enrollment(config, name);
        StateStore store = new StateStore(repository.workTree(), config.settings().paths());
        if (base != null) {
            checkBase(config, enrollment, store, base);
        }
        var now = clock.instant();
        RebuildRequest request = new RebuildRequest(actor, reason, urgent, base, now);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("urgent", urgent);
        details.put("reason", reason);
        details.put("base", base);
        Event event = new Event(now, urgent ? "urgent-rebuild-requested" : "rebuild-requested",
                enrollment.references().get(0).canonical(), actor, details);
        String subject = CommitMessage.PREFIX + (urgent ? "urgent " : "") + "rebuild of " + name + " requested by " + actor;
        return update(config, name, state -> state.withRequest(state.request() == null ? request
                : state.request().merge(request)), event, subject, reason);
    }

    /** The request pending for {@code name} in the work tree as last refreshed or published, if any. */
    public java.util.Optional<RebuildRequest> pendingRequest(String name) {
        ImageFactoryConfig config = ConfigLoader.load(repository.workTree()).orThrow();
        return java.util.Optional.ofNullable(new StateStore(repository.workTree(), config.settings().paths()).loadRebuilds()
                .getOrDefault(name, RebuildState.empty(name)).request());
    }

    /** A reason is one line for the audit trail: a CVE id or a sentence, not a pasted report. */
    public static void checkReason(String reason) {
        if (reason == null) {
            return;
        }
        if (reason.length() > RebuildRequest.MAX_REASON) {
            throw new IllegalArgumentException("the reason is " + reason.length() + " characters; give at most "
                    + RebuildRequest.MAX_REASON + " (a CVE id or one sentence)");
        }
        if (reason.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("the reason must be one line without control characters (no newline or tab)");
        }
    }

    private static void checkBase(ImageFactoryConfig config, Enrollment enrollment, StateStore store, String base) {
        List<String> bases = GraphBuilder.build(config, Map.of(), store.loadImages()).image(enrollment.name())
                .map(image -> image.bases().stream().map(use -> use.node().canonical()).distinct().sorted().toList())
                .orElse(List.of());
        if (bases.contains(base)) {
            return;
        }
        if (bases.isEmpty()) {
            throw new IllegalArgumentException("no bases of " + enrollment.name() + " are known yet (its Dockerfile has not"
                    + " been read): run a sync first, or leave out the base");
        }
        throw new IllegalArgumentException(enrollment.name() + " does not build on " + base
                + Suggestions.closest(base, bases).map(s -> " (did you mean " + s + "?)").orElse("")
                + "; its bases: " + String.join(", ", bases));
    }

    /** Closes the circuit breaker of {@code name} so automatic rebuilds resume. */
    public PublishResult resetBreaker(String name, String actor) {
        ImageFactoryConfig config = refreshConfig();
        Enrollment enrollment = enrollment(config, name);
        var now = clock.instant();
        Event event = new Event(now, "breaker-reset", enrollment.references().get(0).canonical(), actor, Map.of());
        return update(config, name, state -> state.withBreakerReset(now), event,
                CommitMessage.PREFIX + "breaker of " + name + " reset by " + actor, null);
    }

    /** Records the result of {@code name}'s current build, as reported by the build itself or a person. */
    public PublishResult recordBuild(String name, boolean success, String digest, String runUrl, String actor) {
        return recordBuild(name, new BuildReport(success, null, digest, runUrl, actor, false)).published();
    }

    /**
     * What recording a result did.
     *
     * @param recorded  whether the result was recorded (else the build had already finished, and nothing changed)
     * @param message   what happened, for the reporter
     * @param published the commit, or {@link PublishResult.NothingToPublish} when nothing changed
     */
    public record ReportOutcome(boolean recorded, String message, PublishResult published) {
    }

    /**
     * Records a reported result (see {@link RebuildCoordinator#record}). A result for a build that
     * already finished changes nothing and makes no commit unless the report forces it.
     *
     * @throws io.jenkins.plugins.imagefactory.rebuild.NotCurrentBuildException the report names no build of the
     *                                                                            image, or not its current one
     * @throws IllegalArgumentException no such enrollment
     */
    public ReportOutcome recordBuild(String name, BuildReport report) {
        ImageFactoryConfig config = refreshConfig();
        Enrollment enrollment = enrollment(config, name);
        var now = clock.instant();
        RebuildCoordinator coordinator = new RebuildCoordinator(kind -> java.util.Optional.empty());
        StateStore store = new StateStore(repository.workTree(), config.settings().paths());
        AtomicReference<RebuildCoordinator.Recording> decided = new AtomicReference<>(coordinator.record(enrollment,
                store.loadRebuilds().getOrDefault(name, RebuildState.empty(name)), report, now, new ArrayList<>(),
                new CycleSummary()));
        if (decided.get() instanceof RebuildCoordinator.Recording.AlreadyFinished already) {
            return new ReportOutcome(false, already.message(), new PublishResult.NothingToPublish(null, 0));
        }
        String key = ((RebuildCoordinator.Recording.Recorded) decided.get()).build().key();
        String subject = CommitMessage.PREFIX + "build of " + name + (report.success() ? " succeeded" : " failed")
                + " (reported by " + report.actor() + ")";
        List<String> body = new ArrayList<>(List.of("key: " + key));
        if (report.runUrl() != null) {
            body.add(report.runUrl());
        }
        PublishResult published;
        try {
            published = publishReport(name, report, enrollment, coordinator, store, decided, now, subject, body);
        } catch (io.jenkins.plugins.imagefactory.git.GitStoreException e) {
            if (e.getCause() instanceof io.jenkins.plugins.imagefactory.rebuild.NotCurrentBuildException refused) {
                throw refused;
            }
            throw e;
        }
        if (decided.get() instanceof RebuildCoordinator.Recording.AlreadyFinished already) {
            return new ReportOutcome(false, already.message(), published);
        }
        return new ReportOutcome(true, "recorded " + (report.success() ? "success" : "failure") + " of " + name
                + " build " + key, published);
    }

    private PublishResult publishReport(String name, BuildReport report, Enrollment enrollment,
                                        RebuildCoordinator coordinator, StateStore store,
                                        AtomicReference<RebuildCoordinator.Recording> decided, java.time.Instant now,
                                        String subject, List<String> body) {
        return repository.publish(CommitMessage.of(subject, body), workTree -> {
            // Decided again on the head this attempt writes on: a race may have finished the build meanwhile.
            RebuildState current = store.loadRebuilds().getOrDefault(name, RebuildState.empty(name));
            List<Event> events = new ArrayList<>();
            RebuildCoordinator.Recording recording = coordinator.record(enrollment, current, report, now, events,
                    new CycleSummary());
            decided.set(recording);
            if (recording instanceof RebuildCoordinator.Recording.Recorded recorded) {
                store.writeRebuild(recorded.state());
                store.append(events);
            }
        });
    }

    private PublishResult update(ImageFactoryConfig config, String name, java.util.function.UnaryOperator<RebuildState> change,
                                 Event event, String subject, String reason) {
        StateStore store = new StateStore(repository.workTree(), config.settings().paths());
        return repository.publish(CommitMessage.of(subject, reason == null ? List.of() : List.of("reason: " + reason)),
                workTree -> {
                    RebuildState current = store.loadRebuilds().getOrDefault(name, RebuildState.empty(name));
                    store.writeRebuild(change.apply(current));
                    store.append(List.of(event));
                });
    }

    private ImageFactoryConfig refreshConfig() {
        repository.refresh();
        return ConfigLoader.load(repository.workTree()).orThrow();
    }

    private static Enrollment enrollment(ImageFactoryConfig config, String name) {
        return config.enrollment(name).orElseThrow(() -> new IllegalArgumentException("no enrollment named \"" + name
                + "\"; enrolled: " + String.join(", ", config.enrollments().stream().map(Enrollment::name).toList())));
    }

}
