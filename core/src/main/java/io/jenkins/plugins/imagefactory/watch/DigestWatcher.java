package io.jenkins.plugins.imagefactory.watch;

import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.image.Platform;
import io.jenkins.plugins.imagefactory.registry.ManifestDigest;
import io.jenkins.plugins.imagefactory.registry.RegistryClient;
import io.jenkins.plugins.imagefactory.registry.RegistryException;
import io.jenkins.plugins.imagefactory.state.DetectedBy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One monitoring cycle: every distinct reference is checked once (one {@code HEAD} when nothing
 * changed), least recently checked first, hinted (webhook/manual) references before all others.
 * When a registry's rate budget is nearly spent the rest of its references are deferred to the
 * next cycle; hinted ones are never deferred. A failure is recorded against its reference and the
 * others carry on. Pure of persistence: known digests come in, results go out.
 */
public final class DigestWatcher {

    private static final Logger LOG = LoggerFactory.getLogger(DigestWatcher.class);

    /** Requests kept back from a registry's announced budget, for people pulling by hand. */
    public static final long DEFAULT_BUDGET_RESERVE = 10;

    private final RegistryClient client;
    private final PushedAtLookup pushedAt;
    private final Clock clock;
    private final long budgetReserve;
    private final int parallelism;

    /**
     * @param budgetReserve stop checking a registry once its remaining budget is at most this
     * @param parallelism   references checked at once (per-registry limits still apply inside the client)
     */
    public DigestWatcher(RegistryClient client, PushedAtLookup pushedAt, Clock clock, long budgetReserve, int parallelism) {
        this.client = Objects.requireNonNull(client, "client");
        this.pushedAt = Objects.requireNonNull(pushedAt, "pushedAt");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (budgetReserve < 0 || parallelism < 1) {
            throw new IllegalArgumentException("budgetReserve must be >= 0 and parallelism >= 1, got "
                    + budgetReserve + " and " + parallelism);
        }
        this.budgetReserve = budgetReserve;
        this.parallelism = parallelism;
    }

    public DigestWatcher(RegistryClient client, PushedAtLookup pushedAt, Clock clock) {
        this(client, pushedAt, clock, DEFAULT_BUDGET_RESERVE, 8);
    }

    /**
     * @param requests every enrollment's interest; duplicates are merged (platforms unioned)
     * @param known    what previous cycles saw, by reference without digest
     */
    public WatchCycle check(Collection<WatchRequest> requests, Map<ImageReference, KnownDigest> known) {
        long requestsBefore = client.requestsSent();
        List<Target> targets = merge(requests, known);
        Set<String> exhausted = ConcurrentHashMap.newKeySet();
        Map<ImageReference, CheckResult> results = new LinkedHashMap<>();
        List<ImageReference> deferred = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, Math.max(1, targets.size())), runnable -> {
            Thread thread = new Thread(runnable, "digest-watcher");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Optional<CheckResult>>> futures = new ArrayList<>();
            for (Target target : targets) {
                futures.add(pool.submit(() -> checkOne(target, known.get(target.reference()), exhausted)));
            }
            for (int i = 0; i < targets.size(); i++) {
                Optional<CheckResult> result = await(futures.get(i), targets.get(i));
                if (result.isPresent()) {
                    results.put(targets.get(i).reference(), result.get());
                } else {
                    deferred.add(targets.get(i).reference());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        if (!deferred.isEmpty()) {
            LOG.info("{} reference(s) deferred to the next cycle: rate budget nearly spent on {}", deferred.size(), exhausted);
        }
        return new WatchCycle(results, deferred, client.requestsSent() - requestsBefore);
    }

    private Optional<CheckResult> await(Future<Optional<CheckResult>> future, Target target) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return Optional.of(new CheckResult.Failed(target.reference(),
                    "check of " + target.reference() + " failed unexpectedly: " + cause, 0, null, clock.instant()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking digests", e);
        }
    }

    private Optional<CheckResult> checkOne(Target target, KnownDigest previous, Set<String> exhausted) {
        String host = target.reference().registry();
        boolean hinted = target.how() != DetectedBy.POLL;
        if (!hinted && (exhausted.contains(host)
                || client.budget(host).filter(b -> b.nearlySpent(budgetReserve)).isPresent())) {
            exhausted.add(host);
            return Optional.empty();
        }
        Instant now = clock.instant();
        try {
            ManifestDigest current = client.digest(target.reference(), target.platforms(),
                    previous == null ? null
                            : new ManifestDigest(target.reference(), previous.digest(), previous.mediaType(), previous.platformDigests()));
            return Optional.of(compare(target, previous, current, now));
        } catch (RegistryException e) {
            LOG.warn("digest check failed: {}", e.getMessage());
            return Optional.of(CheckResult.Failed.of(target.reference(), e, now));
        }
    }

    private CheckResult compare(Target target, KnownDigest previous, ManifestDigest current, Instant now) {
        ImageReference reference = target.reference();
        if (previous == null) {
            return new CheckResult.FirstSeen(reference, current.digest(), current.mediaType(), current.platformDigests(), now);
        }
        List<PlatformChange> changes = new ArrayList<>();
        boolean comparedPlatforms = false;
        for (Platform platform : target.platforms()) {
            // A platform only newly wanted has no history: a baseline, not an update.
            if (!previous.platformDigests().containsKey(platform)) {
                continue;
            }
            comparedPlatforms = true;
            String before = previous.platformDigests().get(platform);
            String after = current.platformDigests().get(platform);
            if (!Objects.equals(before, after)) {
                changes.add(new PlatformChange(platform, before, after));
            }
        }
        boolean digestMoved = !current.digest().equals(previous.digest());
        boolean updated = comparedPlatforms ? !changes.isEmpty() : digestMoved;
        if (!updated) {
            return new CheckResult.Unchanged(reference, current.digest(), current.mediaType(), current.platformDigests(),
                    digestMoved, now);
        }
        Instant pushed = null;
        try {
            pushed = pushedAt.pushedAt(reference).orElse(null);
        } catch (RegistryException e) {
            LOG.warn("push time of {} unknown: {}", reference, e.getMessage());
        }
        return new CheckResult.Updated(reference, previous.digest(), current.digest(), current.mediaType(),
                current.platformDigests(), changes, now, target.how(), pushed);
    }

    private record Target(ImageReference reference, List<Platform> platforms, DetectedBy how, Instant lastChecked) {
    }

    /** One target per distinct tag, platforms unioned, strongest hint kept; hinted first, then oldest check. */
    private static List<Target> merge(Collection<WatchRequest> requests, Map<ImageReference, KnownDigest> known) {
        Map<ImageReference, Set<Platform>> platforms = new LinkedHashMap<>();
        Map<ImageReference, DetectedBy> how = new LinkedHashMap<>();
        for (WatchRequest request : requests) {
            ImageReference tag = request.reference().withoutDigest();
            platforms.computeIfAbsent(tag, t -> new TreeSet<>()).addAll(request.platforms());
            how.merge(tag, request.how(), (a, b) -> a == DetectedBy.POLL ? b : a);
        }
        List<Target> targets = new ArrayList<>();
        platforms.forEach((tag, wanted) -> {
            KnownDigest previous = known.get(tag);
            targets.add(new Target(tag, List.copyOf(wanted), how.get(tag), previous == null ? Instant.MIN : previous.lastChecked()));
        });
        targets.sort(Comparator.comparing((Target t) -> t.how() == DetectedBy.POLL)
                .thenComparing(Target::lastChecked, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(t -> t.reference().canonical()));
        return targets;
    }
}
