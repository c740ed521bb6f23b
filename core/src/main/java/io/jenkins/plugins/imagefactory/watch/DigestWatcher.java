package io.jenkins.plugins.imagefactory.watch;

import io.jenkins.plugins.imagefactory.state.DetectedBy;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.image.Platform;
import io.jenkins.plugins.imagefactory.registry.ManifestDigest;
import io.jenkins.plugins.imagefactory.registry.RateBudget;
import io.jenkins.plugins.imagefactory.registry.RegistryClient;
import io.jenkins.plugins.imagefactory.registry.RegistryException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One check cycle over the watched references: each distinct reference once, least recently
 * checked first, so when a registry's request budget runs out the references that waited longest
 * have been served and the rest are deferred to the next cycle. Errors stay with their reference.
 * Pure of persistence: the caller stores the outcomes.
 */
public final class DigestWatcher {

    private static final Logger LOG = LoggerFactory.getLogger(DigestWatcher.class);

    private final RegistryClient client;
    private final Clock clock;
    private final int budgetReserve;
    private final int parallelism;

    /**
     * @param budgetReserve stop asking a registry when its reported remaining budget is at most this
     * @param parallelism   checks in flight at once across registries (each registry's own
     *                      concurrency limit still applies)
     */
    public DigestWatcher(RegistryClient client, Clock clock, int budgetReserve, int parallelism) {
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (budgetReserve < 0) {
            throw new IllegalArgumentException("budgetReserve must not be negative, was " + budgetReserve);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
        }
        this.budgetReserve = budgetReserve;
        this.parallelism = parallelism;
    }

    /**
     * @param targets what to watch; duplicates are merged (platforms united) so each reference is checked once
     * @param known   what the previous cycles recorded, by reference; missing means never seen
     * @param how     what started this cycle
     */
    public CycleReport check(Collection<WatchTarget> targets, Map<ImageReference, KnownDigest> known, DetectedBy how) {
        List<WatchTarget> ordered = new ArrayList<>(WatchTarget.merge(targets));
        Comparator<WatchTarget> leastRecentlyChecked = Comparator.comparing(
                (WatchTarget t) -> lastChecked(known.get(t.reference())), Comparator.nullsFirst(Comparator.naturalOrder()));
        ordered.sort(leastRecentlyChecked.thenComparing(t -> t.reference().canonical()));

        Set<String> exhausted = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, Math.max(1, ordered.size())), runnable -> {
            Thread thread = new Thread(runnable, "digest-watcher");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<CheckOutcome>> futures = new ArrayList<>();
            for (WatchTarget target : ordered) {
                futures.add(pool.submit(() -> checkOne(target, known.get(target.reference()), how, exhausted)));
            }
            List<CheckOutcome> outcomes = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                outcomes.add(await(futures.get(i), ordered.get(i).reference()));
            }
            return new CycleReport(outcomes);
        } finally {
            pool.shutdownNow();
        }
    }

    private CheckOutcome await(Future<CheckOutcome> future, ImageReference reference) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CheckOutcome.Deferred(reference, "check cycle interrupted");
        } catch (ExecutionException e) {
            return new CheckOutcome.Failed(reference, String.valueOf(e.getCause()), RegistryException.NO_RESPONSE, clock.instant());
        }
    }

    private static Instant lastChecked(KnownDigest known) {
        return known == null ? null : known.lastChecked();
    }

    private CheckOutcome checkOne(WatchTarget target, KnownDigest previous, DetectedBy how, Set<String> exhausted) {
        ImageReference reference = target.reference();
        String host = reference.registry();
        if (exhausted.contains(host) || budgetSpent(host)) {
            exhausted.add(host);
            return new CheckOutcome.Deferred(reference, "request budget of " + host + " is nearly spent"
                    + client.budget(host).map(b -> " (" + b.remaining() + " left)").orElse(""));
        }
        ManifestDigest current;
        try {
            ManifestDigest before = previous == null ? null : previous.asManifest(reference).orElse(null);
            current = client.digest(reference, target.platforms(), before);
        } catch (RegistryException e) {
            if (e.status() == 429) {
                exhausted.add(host);
            }
            LOG.warn("digest check of {} failed: {}", reference, e.getMessage());
            return new CheckOutcome.Failed(reference, e.getMessage(), e.status(), clock.instant());
        } catch (RuntimeException e) {
            LOG.warn("digest check of {} failed unexpectedly", reference, e);
            return new CheckOutcome.Failed(reference, e.toString(), RegistryException.NO_RESPONSE, clock.instant());
        }
        Instant now = clock.instant();
        if (previous == null || previous.digest() == null) {
            return new CheckOutcome.Discovered(reference, current, now);
        }
        List<PlatformChange> changes = new ArrayList<>();
        boolean anyComparable = false;
        for (Platform platform : target.platforms()) {
            Optional<String> old = previous.digestFor(platform);
            if (old.isEmpty() && previous.isIndex() && previous.digest().equals(current.digest())) {
                continue; // platform newly wanted, index unchanged: nothing moved
            }
            anyComparable = true;
            String fresh = current.digestFor(platform).orElse(null);
            if (!Objects.equals(old.orElse(null), fresh)) {
                changes.add(new PlatformChange(platform, old.orElse(null), fresh));
            }
        }
        boolean changed = target.platforms().isEmpty() || !anyComparable
                ? !current.digest().equals(previous.digest())
                : !changes.isEmpty();
        if (!changed) {
            return new CheckOutcome.Unchanged(reference, current, now);
        }
        return new CheckOutcome.Updated(reference, previous.digest(), current.digest(), changes, now, how,
                pushedAt(reference), current);
    }

    private boolean budgetSpent(String host) {
        Optional<RateBudget> budget = client.budget(host);
        if (budget.isEmpty()) {
            return false;
        }
        RateBudget b = budget.get();
        // a budget read before its window ended says nothing about the new window
        if (b.window() != null && b.observedAt().plus(b.window()).isBefore(clock.instant())) {
            return false;
        }
        return b.isNearlySpent(budgetReserve);
    }

    private Instant pushedAt(ImageReference reference) {
        try {
            return client.pushedAt(reference).orElse(null);
        } catch (RuntimeException e) {
            // the push date only refines when the delay starts; detection time is a safe fallback
            LOG.info("push date of {} unavailable: {}", reference, e.getMessage());
            return null;
        }
    }
}
