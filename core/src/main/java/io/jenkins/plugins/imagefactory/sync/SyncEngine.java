package io.jenkins.plugins.imagefactory.sync;

import io.jenkins.plugins.imagefactory.catalog.CatalogGenerator;
import io.jenkins.plugins.imagefactory.catalog.CatalogWriter;
import io.jenkins.plugins.imagefactory.config.ConfigError;
import io.jenkins.plugins.imagefactory.config.ConfigLoadResult;
import io.jenkins.plugins.imagefactory.config.ConfigLoader;
import io.jenkins.plugins.imagefactory.config.Enrollment;
import io.jenkins.plugins.imagefactory.config.ImageFactoryConfig;
import io.jenkins.plugins.imagefactory.git.CommitMessage;
import io.jenkins.plugins.imagefactory.git.ConfigRepository;
import io.jenkins.plugins.imagefactory.git.GitStoreException;
import io.jenkins.plugins.imagefactory.git.PublishResult;
import io.jenkins.plugins.imagefactory.git.WriterLease;
import io.jenkins.plugins.imagefactory.graph.Dependent;
import io.jenkins.plugins.imagefactory.graph.ImageGraph;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.image.Platform;
import io.jenkins.plugins.imagefactory.rebuild.RebuildCoordinator;
import io.jenkins.plugins.imagefactory.rebuild.RebuildPlan;
import io.jenkins.plugins.imagefactory.state.DetectedBy;
import io.jenkins.plugins.imagefactory.state.Event;
import io.jenkins.plugins.imagefactory.state.RebuildState;
import io.jenkins.plugins.imagefactory.state.StateMerge;
import io.jenkins.plugins.imagefactory.state.StateSnapshot;
import io.jenkins.plugins.imagefactory.state.StateStore;
import io.jenkins.plugins.imagefactory.trigger.RebuildContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One sync cycle, start to end: refresh the clone (the remote always wins), load and validate the
 * config (invalid: stop, change nothing), discover, check each watched reference once, reconcile
 * state, follow and plan rebuilds, regenerate the Backstage catalog, commit and push (intents reach the remote before anything is
 * dispatched), dispatch, commit and push the outcomes. An idle cycle makes no commit.
 *
 * <p>Not thread-safe by design: one engine, one writer; hosts serialise cycles.
 */
public final class SyncEngine {

    /** Shortest time the writer lease is taken for; a cycle renews it when half of it is gone. */
    public static final Duration MIN_LEASE = Duration.ofMinutes(10);

    private final ConfigRepository repository;
    private final CyclePorts ports;
    private final Clock clock;
    private final Consumer<String> progress;
    private final WriterIdentity writer;
    private WriterLease held;

    public SyncEngine(ConfigRepository repository, CyclePorts ports, Clock clock, Consumer<String> progress) {
        this(repository, ports, clock, progress, WriterIdentity.of(repository.workTree()));
    }

    /** @param writer who this engine is when it takes the config repo's writer lease */
    public SyncEngine(ConfigRepository repository, CyclePorts ports, Clock clock, Consumer<String> progress,
                      WriterIdentity writer) {
        this.repository = repository;
        this.ports = ports;
        this.clock = clock;
        this.progress = progress;
        this.writer = writer;
    }

    public SyncEngine(ConfigRepository repository, Discoverer discoverer, DigestChecker checker,
                      RebuildCoordinator rebuilds, Clock clock, Consumer<String> progress) {
        this(repository, CyclePorts.fixed(discoverer, checker, rebuilds), clock, progress);
    }

    public ConfigRepository repository() {
        return repository;
    }

    public SyncResult sync(SyncOptions options) {
        progress.accept("refreshing config repo");
        repository.refresh().ifPresent(head -> progress.accept("config repo at " + head.substring(0, Math.min(12, head.length()))));
        ConfigLoadResult loaded = ConfigLoader.load(repository.workTree());
        List<ConfigError> configErrors = List.of();
        ImageFactoryConfig config;
        if (loaded instanceof ConfigLoadResult.Invalid invalid) {
            if (options.lastGoodConfig() == null) {
                progress.accept("config is invalid (" + invalid.errors().size() + " errors): nothing changed");
                return new SyncResult.InvalidConfig(invalid.errors());
            }
            progress.accept("config is invalid (" + invalid.errors().size() + " errors): running on the last good config");
            configErrors = invalid.errors();
            config = options.lastGoodConfig();
        } else {
            config = ((ConfigLoadResult.Valid) loaded).config();
        }
        Problems problems = new Problems(config, configErrors, ports.missingCredentials(config));
        Duration leaseFor = leaseDuration(config);
        if (!options.dryRun()) {
            WriterLease lease = repository.holdLease(writer.holder(), leaseFor, writer::succeeds);
            if (!lease.isHeldBy(writer.holder())) {
                SyncResult.NotWriter skipped = new SyncResult.NotWriter(lease, configErrors, problems.missingCredentials());
                progress.accept(skipped.message());
                return skipped;
            }
            held = lease;
        }
        StateStore store = new StateStore(repository.workTree(), config.settings().paths());
        Reconciler.Previous previous = Reconciler.Previous.of(store);

        progress.accept(options.hintsOnly() ? "push hints only: reusing the last discoveries"
                : "discovering bases of " + config.enrollments().size() + " enrollments");
        Discoverer discoverer = ports.discoverer(config);
        DigestChecker checker = ports.checker(config);
        RebuildCoordinator rebuilds = ports.rebuilds(config);
        // A quick cycle for push hints reuses the last discoveries: the periodic cycle re-reads sources.
        Map<String, DiscoveryOutcome> discoveries = options.hintsOnly() ? Map.of()
                : discoverer.discover(config.enrollments(), previous.allImages());
        ImageGraph graph = GraphBuilder.build(config, discoveries, previous.allImages());

        List<CheckTarget> targets = watchTargets(config, graph, options.hints());
        if (options.hintsOnly()) {
            targets = targets.stream().filter(t -> options.hints().containsKey(t.reference())).toList();
        }
        progress.accept("checking " + targets.size() + " distinct references");
        Map<String, DigestCheck> checks = checker.check(targets, previous.images());
        long failedChecks = checks.values().stream().filter(DigestCheck.Failed.class::isInstance).count();
        progress.accept("checked " + checks.size() + " references" + (failedChecks > 0 ? " (" + failedChecks + " failed)" : "")
                + "; planning rebuilds");

        var now = clock.instant();
        Reconciler.Reconciliation reconciled = Reconciler.reconcile(config, graph, discoveries, checks, previous, now);
        StateSnapshot snapshot = reconciled.snapshot();
        CycleSummary summary = reconciled.summary();

        RebuildCoordinator.Step prepared = rebuilds.prepare(config, graph, snapshot.images(), snapshot.rebuilds(), now, summary);
        List<Event> events = new ArrayList<>(snapshot.events());
        events.addAll(prepared.events());
        snapshot = new StateSnapshot(snapshot.images(), snapshot.archived(), prepared.rebuilds(), snapshot.archivedRebuilds(),
                events);

        if (options.dryRun()) {
            progress.accept("dry run: " + summary.headline() + "; nothing written");
            return problems.completed(summary, List.of(), snapshot, prepared.plan());
        }
        List<String> commits = new ArrayList<>();
        progress.accept("writing state and catalog");
        keepLease(leaseFor, "publishing");
        StateSnapshot published = publish(config, graph, store, previous.snapshot(), snapshot, prepared.plan(), summary,
                commits);
        if (prepared.intents().isEmpty()) {
            return problems.completed(summary, commits, published, prepared.plan());
        }

        progress.accept("dispatching " + prepared.intents().size() + " rebuilds");
        CycleSummary outcomes = new CycleSummary();
        Map<String, RebuildState> dispatchedRebuilds = published.rebuilds();
        List<Event> dispatchEvents = new ArrayList<>();
        for (RebuildContext intent : prepared.intents()) {
            // never dispatch on a lapsed lease: another instance may have taken over this intent
            keepLease(leaseFor, "dispatching " + intent.image());
            RebuildCoordinator.Step dispatched = rebuilds.dispatch(config, List.of(intent), dispatchedRebuilds,
                    clock.instant(), outcomes, prepared.plan());
            dispatchedRebuilds = dispatched.rebuilds();
            dispatchEvents.addAll(dispatched.events());
        }
        StateSnapshot after = new StateSnapshot(published.images(), published.archived(), dispatchedRebuilds,
                published.archivedRebuilds(), dispatchEvents);
        after = publish(config, graph, store, published, after, prepared.plan(), outcomes, commits);
        outcomes.items(RebuildCoordinator.TRIGGERED).forEach(i -> summary.add(RebuildCoordinator.TRIGGERED, i));
        outcomes.items(RebuildCoordinator.FAILED).forEach(i -> summary.add(RebuildCoordinator.FAILED, i));
        outcomes.items(RebuildCoordinator.TRIGGER_ERROR).forEach(i -> summary.add(RebuildCoordinator.TRIGGER_ERROR, i));
        // The result tells the whole cycle's story: the first commit's events, then the dispatch's.
        List<Event> everything = new ArrayList<>(snapshot.events());
        everything.addAll(dispatchEvents);
        return problems.completed(summary, commits, new StateSnapshot(after.images(), after.archived(), after.rebuilds(),
                after.archivedRebuilds(), everything), prepared.plan());
    }

    /** What a cycle reports beside its changes: the config it ran on and what a person must fix. */
    private record Problems(ImageFactoryConfig config, List<ConfigError> configErrors, List<String> missingCredentials) {
        SyncResult.Completed completed(CycleSummary summary, List<String> commits, StateSnapshot snapshot, RebuildPlan plan) {
            return new SyncResult.Completed(summary, commits, snapshot, plan, config, configErrors, missingCredentials);
        }
    }

    /**
     * The lease outlives the gap between periodic cycles, so the instance that writes keeps
     * writing; a standby takes over only when it lapses (or the holder releases it on shutdown).
     */
    static Duration leaseDuration(ImageFactoryConfig config) {
        Duration twoIntervals = config.settings().syncInterval().multipliedBy(2);
        return twoIntervals.compareTo(MIN_LEASE) > 0 ? twoIntervals : MIN_LEASE;
    }

    /** Renews the lease when half of it is gone; stops the cycle if another instance holds it now. */
    private void keepLease(Duration leaseFor, String before) {
        if (held == null || Duration.between(clock.instant(), held.expiresAt()).compareTo(leaseFor.dividedBy(2)) > 0) {
            return;
        }
        WriterLease lease = repository.holdLease(writer.holder(), leaseFor, writer::succeeds);
        if (!lease.isHeldBy(writer.holder())) {
            throw new GitStoreException("lost the config repo's writer lease to " + lease.holder() + " before " + before
                    + "; stopping this cycle (the new writer picks up the committed intents by their keys)");
        }
        held = lease;
    }

    /** Gives the writer lease up (a host shutting down, a one-shot sync ending) so another instance need not wait. */
    public void releaseLease() {
        repository.releaseLease(writer.holder());
        held = null;
    }

    /**
     * Commits {@code ours} (computed from {@code base}) on whatever the remote holds when the
     * writer runs: when the push loses a race the writer runs again on the new head, and what
     * others recorded meanwhile (requests, results, breaker resets) survives; see {@link StateMerge}.
     *
     * @return what was written: the merge of the cycle's state with the head it landed on
     */
    private StateSnapshot publish(ImageFactoryConfig config, ImageGraph graph, StateStore store, StateSnapshot base,
                                  StateSnapshot ours, RebuildPlan plan, CycleSummary summary, List<String> commits) {
        CommitMessage message = CommitMessage.of(CommitMessage.PREFIX
                + (summary.isEmpty() ? unsummarised(base, ours) : summary.headline()), summary.lines());
        AtomicReference<StateSnapshot> written = new AtomicReference<>(ours);
        AtomicInteger attempts = new AtomicInteger();
        PublishResult result = repository.publish(message, workTree -> {
            // The first attempt writes on the head base was read at: nobody else's changes are there
            // to merge, and files whose state did not change need no rendering. A retry runs on a
            // head others moved, so it reads what they wrote and compares every file.
            boolean onBase = attempts.incrementAndGet() == 1;
            StateSnapshot merged = onBase ? StateMerge.merge(base, ours, base) : StateMerge.merge(base, ours, store.load());
            store.write(merged, onBase ? base : null);
            progress.accept("writing the catalog");
            CatalogWriter.write(workTree.resolve(config.settings().paths().catalog()),
                    new CatalogGenerator(config, graph, merged.images(), merged.rebuilds(), plan).files());
            progress.accept("state and catalog written; committing what changed");
            written.set(merged);
        });
        if (result instanceof PublishResult.Published published) {
            commits.add(published.commitId());
            progress.accept("committed " + published.commitId().substring(0, 12) + ": " + summary.headline()
                    + (published.attempts() > 1 ? " (after " + published.attempts() + " attempts)" : ""));
        } else {
            progress.accept("nothing changed: no commit");
        }
        return written.get();
    }

    /**
     * A title for changes no summary item names (a state file's format moved on, say), so no
     * commit is ever titled "no changes": it says which records it rewrites.
     */
    static String unsummarised(StateSnapshot base, StateSnapshot ours) {
        long images = changed(base.images(), ours.images()) + changed(base.archived(), ours.archived());
        long rebuilds = changed(base.rebuilds(), ours.rebuilds()) + changed(base.archivedRebuilds(), ours.archivedRebuilds());
        List<String> parts = new ArrayList<>();
        if (images > 0) {
            parts.add("state of " + images + (images == 1 ? " image" : " images"));
        }
        if (rebuilds > 0) {
            parts.add(rebuilds + (rebuilds == 1 ? " rebuild record" : " rebuild records"));
        }
        if (!ours.events().isEmpty()) {
            parts.add(ours.events().size() + (ours.events().size() == 1 ? " event" : " events"));
        }
        return parts.isEmpty() ? "catalog regenerated" : String.join(", ", parts) + " recorded";
    }

    private static long changed(Map<String, ?> before, Map<String, ?> after) {
        Set<String> keys = new LinkedHashSet<>(before.keySet());
        keys.addAll(after.keySet());
        return keys.stream().filter(key -> !java.util.Objects.equals(before.get(key), after.get(key))).count();
    }

    /**
     * Every watched reference once, with the union of the platforms its followers build; hinted
     * references first.
     */
    static List<CheckTarget> watchTargets(ImageFactoryConfig config, ImageGraph graph, Map<ImageReference, DetectedBy> hints) {
        List<CheckTarget> hinted = new ArrayList<>();
        List<CheckTarget> rest = new ArrayList<>();
        for (ImageReference reference : graph.watched()) {
            Set<Platform> platforms = new LinkedHashSet<>();
            graph.managedBy(reference).flatMap(config::enrollment)
                    .ifPresent(e -> platforms.addAll(e.rebuild().platforms()));
            for (Dependent dependent : graph.directDependents(reference)) {
                if (!dependent.pinned()) {
                    config.enrollment(dependent.name()).map(Enrollment::rebuild)
                            .ifPresent(policy -> platforms.addAll(policy.platforms()));
                }
            }
            DetectedBy hint = hints.get(reference);
            CheckTarget target = new CheckTarget(reference, platforms.stream().sorted().toList(),
                    hint != null ? hint : DetectedBy.POLL, graph.managedBy(reference).isPresent());
            (hint != null ? hinted : rest).add(target);
        }
        hinted.addAll(rest);
        return hinted;
    }
}
