package io.jenkins.plugins.imagefactory.rebuild;

import io.jenkins.plugins.imagefactory.config.Enrollment;
import io.jenkins.plugins.imagefactory.config.ImageFactoryConfig;
import io.jenkins.plugins.imagefactory.graph.BaseUse;
import io.jenkins.plugins.imagefactory.graph.GraphCycle;
import io.jenkins.plugins.imagefactory.graph.ImageGraph;
import io.jenkins.plugins.imagefactory.graph.ManagedImage;
import io.jenkins.plugins.imagefactory.image.Platform;
import io.jenkins.plugins.imagefactory.state.BuildRecord;
import io.jenkins.plugins.imagefactory.state.BuildRecord.BuildCause;
import io.jenkins.plugins.imagefactory.state.DigestRecord;
import io.jenkins.plugins.imagefactory.state.ImageState;
import io.jenkins.plugins.imagefactory.state.RebuildRequest;
import io.jenkins.plugins.imagefactory.state.RebuildState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides, for every managed image, whether it must be rebuilt now, later, or not at all. Pure: the
 * same state and clock always give the same plan. The rules are written down in
 * {@code docs/rebuild-policy.md}; in short:
 * <ul>
 *   <li>a base digest is <em>eligible</em> once it has aged the image's delay since it was pushed
 *       (or first seen); digests of our own managed images are eligible at once, since their
 *       external bases already waited;</li>
 *   <li>an image is due when some eligible digest differs, on a platform it builds, from what it
 *       was built against; each base then targets its <em>newest eligible</em> digest;</li>
 *   <li>an image waits while a managed ancestor is due, running or waiting for one of its own, and
 *       while an ancestor still waits for the delay of an update this image would also take in, so
 *       one update reaching it twice builds it once;</li>
 *   <li>one build at a time per image; {@code auto: false} only marks a rebuild available; three
 *       failures in a row open a breaker; a manual request overrides both, an urgent one the delay.</li>
 * </ul>
 */
public final class RebuildPlanner {

    private final ImageFactoryConfig config;
    private final ImageGraph graph;
    private final Map<String, ImageState> images;
    private final Map<String, RebuildState> rebuilds;
    private final Instant now;
    private final Map<String, PlannedRebuild> plans = new HashMap<>();
    /** Per image, bases with a newer digest that has not aged yet: what its dependents may wait for. */
    private final Map<String, Set<String>> waitingBases = new HashMap<>();

    private RebuildPlanner(ImageFactoryConfig config, ImageGraph graph, Map<String, ImageState> images,
                           Map<String, RebuildState> rebuilds, Instant now) {
        this.config = config;
        this.graph = graph;
        this.images = images;
        this.rebuilds = rebuilds;
        this.now = now;
    }

    public static RebuildPlan plan(ImageFactoryConfig config, ImageGraph graph, Map<String, ImageState> images,
                                   Map<String, RebuildState> rebuilds, Instant now) {
        return new RebuildPlanner(config, graph, images, rebuilds, now).run();
    }

    private RebuildPlan run() {
        List<String> names = new ArrayList<>();
        for (ManagedImage image : graph.images()) {
            GraphCycle cycle = graph.cycleOf(image.name()).orElse(null);
            if (cycle != null) {
                plans.put(image.name(), new PlannedRebuild(image.name(), RebuildStatus.BLOCKED, List.of(), null,
                        cycle.describe(), null, null));
            } else {
                names.add(image.name());
            }
        }
        for (String name : graph.rebuildOrder(names)) {
            config.enrollment(name).ifPresent(enrollment -> plans.put(name, planOne(enrollment)));
        }
        List<String> due = names.stream().filter(n -> plans.containsKey(n) && plans.get(n).isDue()).toList();
        Instant wakeUp = plans.values().stream().map(PlannedRebuild::wakeUp).filter(Objects::nonNull)
                .min(Instant::compareTo).orElse(null);
        return new RebuildPlan(plans, graph.rebuildOrder(due), wakeUp);
    }

    private PlannedRebuild planOne(Enrollment enrollment) {
        String name = enrollment.name();
        RebuildState rebuild = rebuilds.getOrDefault(name, RebuildState.empty(name));
        RebuildRequest request = rebuild.request();
        List<BuildCause> causes = new ArrayList<>();
        List<BaseUpdate> updates = new ArrayList<>();
        Set<String> waiting = new LinkedHashSet<>();
        Instant dueAt = null;
        boolean anyBaseKnown = false;

        for (String base : followedBases(name)) {
            ImageState baseState = images.get(base);
            if (baseState == null || baseState.history().isEmpty()) {
                continue;
            }
            anyBaseKnown = true;
            String builtOn = rebuild.builtAgainst().get(base);
            if (builtOn == null) {
                // Not baselined yet (the reconciler records the current digest the first time it sees
                // a base for an image): nothing to compare with, so nothing to rebuild for.
                continue;
            }
            List<DigestRecord> history = baseState.history();
            int from = indexOf(history, builtOn);
            DigestRecord baseline = from >= 0 ? history.get(from) : null;
            boolean internal = graph.managedBy(io.jenkins.plugins.imagefactory.image.ImageReference.parse(base)).isPresent();
            Duration delay = internal || bypassesDelay(request, base) ? Duration.ZERO : enrollment.rebuild().delay();
            int targetIndex = -1;
            for (int i = from + 1; i < history.size(); i++) {
                DigestRecord candidate = history.get(i);
                if (!differs(candidate, baseline, builtOn, enrollment.rebuild().platforms())) {
                    continue;
                }
                if (!candidate.agedFrom().plus(delay).isAfter(now)) {
                    targetIndex = i;
                }
            }
            if (targetIndex >= 0) {
                DigestRecord target = history.get(targetIndex);
                causes.add(new BuildCause(base, builtOn, target.digest()));
                updates.add(new BaseUpdate(base, builtOn, target.digest(), target.agedFrom(), target.agedFrom().plus(delay)));
            }
            for (int i = Math.max(from, targetIndex) + 1; i < history.size(); i++) {
                DigestRecord candidate = history.get(i);
                if (differs(candidate, baseline, builtOn, enrollment.rebuild().platforms())) {
                    Instant eligibleAt = candidate.agedFrom().plus(delay);
                    dueAt = dueAt == null || eligibleAt.isBefore(dueAt) ? eligibleAt : dueAt;
                    waiting.add(base);
                    updates.add(new BaseUpdate(base, builtOn, candidate.digest(), candidate.agedFrom(), eligibleAt));
                }
            }
        }
        waitingBases.put(name, waiting);
        Verdict verdict = new Verdict(name, updates, request);

        var active = rebuild.active();
        if (active.isPresent()) {
            BuildRecord build = active.get();
            if (build.isDispatchFailing()) {
                return verdict.with(RebuildStatus.DISPATCH_FAILED, build.causes(), build.retryAt(), build.message(),
                        build.key(), null);
            }
            Instant timeoutAt = build.requestedAt() == null ? null : build.requestedAt().plus(enrollment.buildTimeout());
            return verdict.with(RebuildStatus.RUNNING, build.causes(), dueAt, null, build.key(), timeoutAt);
        }
        String discoveryError = discoveryError(enrollment);
        if (discoveryError != null && request == null) {
            // A Dockerfile we cannot read may name other bases now: neither "up to date" nor a safe build.
            return verdict.with(RebuildStatus.BLOCKED, causes, dueAt, "discovery failed: " + discoveryError, null, null);
        }
        if (causes.isEmpty() && request == null) {
            if (!anyBaseKnown && !followedBases(name).isEmpty()) {
                return verdict.with(RebuildStatus.BLOCKED, List.of(), dueAt, "no digest known yet for its bases", null, null);
            }
            String rebuildingAncestor = changingAncestor(name);
            if (rebuildingAncestor != null) {
                // Nothing new yet for this image itself, but its parent is about to publish a new digest.
                return verdict.with(RebuildStatus.WAITING_FOR_ANCESTOR, List.of(), dueAt, rebuildingAncestor, null, null);
            }
            return verdict.with(waiting.isEmpty() ? RebuildStatus.UP_TO_DATE : RebuildStatus.WAITING_FOR_DELAY,
                    List.of(), dueAt, null, null, null);
        }
        String blocker = blockingAncestor(name, causes);
        if (blocker != null) {
            return verdict.with(RebuildStatus.WAITING_FOR_ANCESTOR, causes, dueAt, blocker, null, null);
        }
        // A request overrides the breaker once: when its own builds keep failing, the breaker stops them too.
        boolean requestTried = request != null && request.takenBy() != null;
        if ((request == null || requestTried) && rebuild.breakerOpen()) {
            return verdict.with(RebuildStatus.BREAKER_OPEN, causes, dueAt,
                    rebuild.consecutiveFailures() + " consecutive failed rebuilds", null, null);
        }
        if (request == null && !enrollment.rebuild().auto()) {
            return verdict.with(RebuildStatus.REBUILD_AVAILABLE, causes, dueAt, null, null, null);
        }
        return verdict.with(RebuildStatus.DUE, causes, null, null, key(name, causes, request, rebuild), null);
    }

    /** What every verdict on one image shares: its name, the updates found, the request. */
    private record Verdict(String name, List<BaseUpdate> updates, RebuildRequest request) {
        PlannedRebuild with(RebuildStatus status, List<BuildCause> shownCauses, Instant dueAt, String why, String key,
                            Instant timeoutAt) {
            return new PlannedRebuild(name, status, shownCauses, dueAt, why, key, request, updates, timeoutAt);
        }
    }

    /** The enrollment's latest discovery error, from the state of any of its tags. */
    private String discoveryError(Enrollment enrollment) {
        for (var reference : enrollment.references()) {
            ImageState state = images.get(reference.canonical());
            if (state != null && state.discovery() != null && state.discovery().error() != null) {
                return state.discovery().error().message();
            }
        }
        return null;
    }

    /** Bases {@code name} follows by tag, by canonical reference. */
    private List<String> followedBases(String name) {
        return graph.image(name).map(image -> image.bases().stream().filter(b -> !b.pinned())
                .map(BaseUse::node).map(r -> r.canonical()).distinct().sorted().toList()).orElse(List.of());
    }

    private static boolean bypassesDelay(RebuildRequest request, String base) {
        return request != null && request.urgent() && (request.base() == null || request.base().equals(base));
    }

    private static int indexOf(List<DigestRecord> history, String digest) {
        if (digest == null) {
            return -1;
        }
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i).digest().equals(digest)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether {@code candidate} changes anything on the platforms the image builds, compared with what it was built on. */
    static boolean differs(DigestRecord candidate, DigestRecord baseline, String builtOn, List<Platform> platforms) {
        if (candidate.digest().equals(builtOn)) {
            return false;
        }
        if (baseline == null || candidate.platforms().isEmpty() || baseline.platforms().isEmpty()) {
            return true;
        }
        for (Platform platform : platforms) {
            String key = platform.toString();
            if (!Objects.equals(candidate.platforms().get(key), baseline.platforms().get(key))) {
                return true;
            }
        }
        return false;
    }

    /** A managed ancestor that is due, running or itself waiting on one: a new digest is coming down the chain. */
    private String changingAncestor(String name) {
        for (String ancestor : graph.ancestors(name)) {
            PlannedRebuild plan = plans.get(ancestor);
            if (plan != null && (plan.status() == RebuildStatus.DUE || plan.status() == RebuildStatus.RUNNING
                    || (plan.status() == RebuildStatus.WAITING_FOR_ANCESTOR && !plan.causes().isEmpty()))) {
                return ancestor;
            }
        }
        return null;
    }

    private String blockingAncestor(String name, List<BuildCause> causes) {
        Set<String> myBases = new java.util.HashSet<>();
        causes.forEach(c -> myBases.add(c.base()));
        for (String ancestor : graph.ancestors(name)) {
            PlannedRebuild plan = plans.get(ancestor);
            if (plan == null) {
                continue;
            }
            switch (plan.status()) {
                case DUE, RUNNING, WAITING_FOR_ANCESTOR -> {
                    return ancestor;
                }
                case WAITING_FOR_DELAY, UP_TO_DATE -> {
                    for (String base : waitingBases.getOrDefault(ancestor, Set.of())) {
                        if (myBases.contains(base)) {
                            return ancestor;
                        }
                    }
                }
                default -> {
                    // auto-off, breaker-open and blocked ancestors do not hold their dependents back
                }
            }
        }
        return null;
    }

    /**
     * The idempotency key: the image, each base's target digest, and the attempt (a retry after a
     * failure is a new build; a restart before an outcome is the same one).
     */
    static String key(String name, List<BuildCause> causes, RebuildRequest request, RebuildState rebuild) {
        Map<String, String> targets = new TreeMap<>();
        causes.forEach(c -> targets.put(c.base(), c.newDigest()));
        StringBuilder material = new StringBuilder(name);
        targets.forEach((base, digest) -> material.append('\n').append(base).append('=').append(digest));
        if (request != null) {
            material.append("\nrequest=").append(request.requestedAt());
        }
        String partial = material.toString();
        long failedAttempts = rebuild.builds().stream()
                .filter(b -> b.isFailure() && b.key().startsWith(hash(partial).substring(0, 16)))
                .count();
        return hash(partial).substring(0, 16) + "-" + (failedAttempts + 1);
    }

    private static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
