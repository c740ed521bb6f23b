package io.jenkins.plugins.imagefactory.sync;

import io.jenkins.plugins.imagefactory.config.ConfigLoader;
import io.jenkins.plugins.imagefactory.config.Enrollment;
import io.jenkins.plugins.imagefactory.config.ImageFactoryConfig;
import io.jenkins.plugins.imagefactory.git.CommitMessage;
import io.jenkins.plugins.imagefactory.git.ConfigRepository;
import io.jenkins.plugins.imagefactory.git.PublishResult;
import io.jenkins.plugins.imagefactory.rebuild.RebuildCoordinator;
import io.jenkins.plugins.imagefactory.state.Event;
import io.jenkins.plugins.imagefactory.state.RebuildRequest;
import io.jenkins.plugins.imagefactory.state.RebuildState;
import io.jenkins.plugins.imagefactory.state.StateStore;
import io.jenkins.plugins.imagefactory.status.Links;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /** Asks for a rebuild of enrollment {@code name}; urgent ones need a reason and bypass the delay. */
    public PublishResult requestRebuild(String name, boolean urgent, String reason, String base, String actor) {
        if (urgent && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("an urgent rebuild needs a reason (e.g. the CVE id)");
        }
        ImageFactoryConfig config = refreshConfig();
        Enrollment enrollment = enrollment(config, name);
        var now = clock.instant();
        RebuildRequest request = new RebuildRequest(actor, reason, urgent, base, now);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("urgent", urgent);
        details.put("reason", reason);
        details.put("base", base);
        Event event = new Event(now, urgent ? "urgent-rebuild-requested" : "rebuild-requested",
                enrollment.references().get(0).canonical(), actor, details);
        String subject = CommitMessage.PREFIX + (urgent ? "urgent " : "") + "rebuild of " + name + " requested by " + actor;
        return update(config, name, state -> state.withRequest(request), event, subject, reason);
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
        if (runUrl != null && Links.safeHref(runUrl) == null) {
            throw new IllegalArgumentException("the run URL must be an http(s) URL or a path on this server, got \""
                    + runUrl.replaceAll("\\p{Cntrl}", "?") + "\"");
        }
        ImageFactoryConfig config = refreshConfig();
        Enrollment enrollment = enrollment(config, name);
        var now = clock.instant();
        RebuildCoordinator coordinator = new RebuildCoordinator(kind -> java.util.Optional.empty());
        StateStore store = new StateStore(repository.workTree(), config.settings().paths());
        String subject = CommitMessage.PREFIX + "build of " + name + (success ? " succeeded" : " failed")
                + " (reported by " + actor + ")";
        return repository.publish(CommitMessage.of(subject, runUrl == null ? List.of() : List.of(runUrl)), workTree -> {
            RebuildState current = store.loadRebuilds().getOrDefault(name, RebuildState.empty(name));
            List<Event> events = new ArrayList<>();
            RebuildState next = coordinator.record(enrollment, current, success, digest, runUrl, actor, now, events,
                    new CycleSummary());
            store.writeRebuild(next);
            store.append(events);
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
