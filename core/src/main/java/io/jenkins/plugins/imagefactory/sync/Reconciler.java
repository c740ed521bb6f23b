package io.jenkins.plugins.imagefactory.sync;

import io.jenkins.plugins.imagefactory.config.Enrollment;
import io.jenkins.plugins.imagefactory.config.ImageFactoryConfig;
import io.jenkins.plugins.imagefactory.graph.GraphCycle;
import io.jenkins.plugins.imagefactory.graph.ImageGraph;
import io.jenkins.plugins.imagefactory.graph.Role;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.state.DetectedBy;
import io.jenkins.plugins.imagefactory.state.DiscoveredBase;
import io.jenkins.plugins.imagefactory.state.DigestRecord;
import io.jenkins.plugins.imagefactory.state.DiscoveryRecord;
import io.jenkins.plugins.imagefactory.state.ErrorRecord;
import io.jenkins.plugins.imagefactory.state.Event;
import io.jenkins.plugins.imagefactory.state.ImageState;
import io.jenkins.plugins.imagefactory.state.RebuildState;
import io.jenkins.plugins.imagefactory.state.StateStore;
import io.jenkins.plugins.imagefactory.state.StateSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The pure heart of a sync cycle: given last cycle's state, this cycle's graph, discoveries and
 * digest checks, produce the next state, the events that explain the difference, and a summary.
 * Lifecycle (Req 7) lives here: new images are tracked, roles move between managed and base with
 * their history, images nobody needs any more are archived, and re-enrolled ones are restored.
 */
public final class Reconciler {

    public static final String BASE_UPDATE = "base update";
    public static final String IMAGE_UPDATE = "managed image push";
    public static final String DISCOVERY_CHANGE = "discovery change";
    public static final String ERROR = "new error";
    public static final String TRACKED = "image tracked";
    public static final String ARCHIVED = "image archived";
    public static final String RESTORED = "image restored";
    public static final String ROLE_CHANGE = "role change";

    private final ImageFactoryConfig config;
    private final ImageGraph graph;
    private final Instant now;
    private final List<Event> events = new ArrayList<>();
    private final CycleSummary summary = new CycleSummary();
    private final Set<String> discoveryReported = new HashSet<>();
    /** New check failures by message: one registry failing many images is one line of the summary. */
    private final Map<String, List<String>> newCheckErrors = new LinkedHashMap<>();

    /**
     * @param snapshot what to write
     * @param summary  what happened, for the commit message
     */
    public record Reconciliation(StateSnapshot snapshot, CycleSummary summary) {
    }

    private Reconciler(ImageFactoryConfig config, ImageGraph graph, Instant now) {
        this.config = config;
        this.graph = graph;
        this.now = now;
    }

    /** Last cycle's persisted state, as the store loaded it. */
    public record Previous(Map<String, ImageState> images, Map<String, ImageState> archive,
                           Map<String, RebuildState> rebuilds, Map<String, RebuildState> archivedRebuilds) {

        public static Previous of(StateStore store) {
            return new Previous(store.loadImages(), store.loadArchive(), store.loadRebuilds(), store.loadArchivedRebuilds());
        }

        /** The same state as a snapshot without events: the base a publish merges against. */
        public StateSnapshot snapshot() {
            return new StateSnapshot(images, archive, rebuilds, archivedRebuilds, List.of());
        }

        public static Previous empty() {
            return new Previous(Map.of(), Map.of(), Map.of(), Map.of());
        }

        /** Tracked and archived image state together, for looking up last discoveries. */
        public Map<String, ImageState> allImages() {
            Map<String, ImageState> all = new java.util.HashMap<>(archive);
            all.putAll(images);
            return all;
        }
    }

    public static Reconciliation reconcile(ImageFactoryConfig config, ImageGraph graph,
                                           Map<String, DiscoveryOutcome> discoveries, Map<String, DigestCheck> checks,
                                           Previous previous, Instant now) {
        return new Reconciler(config, graph, now).run(discoveries, checks, previous);
    }

    private Reconciliation run(Map<String, DiscoveryOutcome> discoveries, Map<String, DigestCheck> checks,
                               Previous previous) {
        Map<String, ImageState> images = previous.images();
        Map<String, ImageState> archive = previous.archive();
        Map<String, ImageState> nextImages = new TreeMap<>();
        Map<String, ImageState> nextArchive = new TreeMap<>(archive);
        for (ImageReference reference : graph.tracked()) {
            String key = reference.canonical();
            Role role = graph.role(reference).orElseThrow();
            ImageState state = lifecycle(reference, role, images.get(key), nextArchive);
            if (role.isManaged()) {
                state = discovery(state, enrollmentOf(reference), discoveries);
            }
            state = check(state, checks.get(key), role);
            nextImages.put(key, state);
        }
        newCheckErrors.forEach((message, refs) -> summary.add(ERROR, refs.size() == 1 ? refs.get(0) + ": " + message
                : message + " (" + refs.size() + " images: " + String.join(", ", refs) + ")"));
        for (Map.Entry<String, ImageState> gone : images.entrySet()) {
            if (!nextImages.containsKey(gone.getKey())) {
                nextArchive.put(gone.getKey(), gone.getValue());
                event("archived", gone.getKey(), Map.of("role", String.valueOf(gone.getValue().role()),
                        "reason", "no longer enrolled and no tracked image builds on it"));
                summary.add(ARCHIVED, gone.getKey());
            }
        }
        Map<String, RebuildState> nextRebuilds = new TreeMap<>();
        Map<String, RebuildState> nextArchivedRebuilds = new TreeMap<>(previous.archivedRebuilds());
        for (Enrollment enrollment : config.enrollments()) {
            RebuildState rebuild = previous.rebuilds().get(enrollment.name());
            if (rebuild == null) {
                rebuild = nextArchivedRebuilds.remove(enrollment.name());
            }
            if (rebuild == null) {
                rebuild = RebuildState.empty(enrollment.name());
            }
            nextRebuilds.put(enrollment.name(), baseline(rebuild, nextImages));
        }
        previous.rebuilds().forEach((name, rebuild) -> {
            if (!nextRebuilds.containsKey(name)) {
                nextArchivedRebuilds.put(name, rebuild);
            }
        });
        return new Reconciliation(new StateSnapshot(nextImages, nextArchive, nextRebuilds, nextArchivedRebuilds, events),
                summary);
    }

    /**
     * Keeps {@code builtAgainst} in step with the image's bases: what the image's own OCI base
     * annotations say wins; otherwise a base seen for the first time is assumed to be what the
     * current image was built on (enrolling an image must not rebuild it at once); a base no longer
     * used is dropped.
     */
    private RebuildState baseline(RebuildState rebuild, Map<String, ImageState> nextImages) {
        Map<String, String> builtAgainst = new TreeMap<>();
        Map<String, String> annotated = annotatedBases(rebuild.name(), nextImages);
        graph.image(rebuild.name()).ifPresent(image -> image.bases().stream()
                .filter(base -> !base.pinned())
                .map(base -> base.node().canonical())
                .forEach(base -> {
                    String known = rebuild.builtAgainst().get(base);
                    ImageState baseState = nextImages.get(base);
                    if (annotated.containsKey(base)) {
                        builtAgainst.put(base, annotated.get(base));
                    } else if (known != null) {
                        builtAgainst.put(base, known);
                    } else if (baseState != null && baseState.digest() != null) {
                        builtAgainst.put(base, baseState.digest());
                    }
                }));
        return builtAgainst.equals(rebuild.builtAgainst()) ? rebuild : rebuild.withBuiltAgainst(builtAgainst);
    }

    /** Bases the enrollment's images name in their OCI base annotations, by canonical reference. */
    private Map<String, String> annotatedBases(String name, Map<String, ImageState> nextImages) {
        Map<String, String> out = new TreeMap<>();
        graph.image(name).ifPresent(image -> image.references().forEach(reference -> {
            ImageState state = nextImages.get(reference.canonical());
            if (state != null && state.builtFrom() != null && state.builtFrom().name() != null) {
                try {
                    out.put(ImageReference.parse(state.builtFrom().name()).withoutDigest().canonical(), state.builtFrom().digest());
                } catch (IllegalArgumentException notAReference) {
                    // an annotation we cannot read says nothing
                }
            }
        }));
        return out;
    }

    private ImageState lifecycle(ImageReference reference, Role role, ImageState previous, Map<String, ImageState> archive) {
        String key = reference.canonical();
        ImageState state = previous;
        if (state == null) {
            ImageState archived = archive.remove(key);
            if (archived != null) {
                state = archived;
                event("restored", key, Map.of("role", role.label(), "history", archived.history().size()));
                summary.add(RESTORED, key + " (" + role.label() + ")");
            } else {
                event("tracked", key, Map.of("role", role.label()));
                summary.add(TRACKED, key + " (" + role.label() + ")");
                return ImageState.fresh(reference, role.label());
            }
        }
        if (state.role() != null && !state.role().equals(role.label())) {
            Role before = Role.fromLabel(state.role());
            String kind = !before.isManaged() && role.isManaged() ? "promoted"
                    : before.isManaged() && !role.isManaged() ? "demoted" : "role-changed";
            event(kind, key, Map.of("from", before.label(), "to", role.label()));
            summary.add(ROLE_CHANGE, key + " " + before.label() + " -> " + role.label());
        }
        return state.withRole(role.label());
    }

    private Enrollment enrollmentOf(ImageReference reference) {
        String name = graph.managedBy(reference).orElseThrow();
        return config.enrollment(name).orElseThrow();
    }

    private ImageState discovery(ImageState state, Enrollment enrollment, Map<String, DiscoveryOutcome> discoveries) {
        DiscoveryRecord previous = state.discovery();
        DiscoveryRecord next = previous;
        DiscoveryOutcome outcome = discoveries.get(enrollment.name());
        boolean report = discoveryReported.add(enrollment.name());
        String problem = null;
        if (outcome instanceof DiscoveryOutcome.Found found) {
            boolean same = previous != null && Objects.equals(previous.commit(), found.commit())
                    && previous.bases().equals(found.bases()) && previous.buildArgs().equals(found.buildArgs())
                    && Objects.equals(previous.dockerfile(), found.dockerfile())
                    && Objects.equals(previous.target(), found.target());
            next = same ? previous : new DiscoveryRecord(found.commit(), found.dockerfile(), found.buildArgs(),
                    found.target(), now, found.bases(), null);
            if (report && (previous == null || !refs(previous.bases()).equals(refs(found.bases())))) {
                reportDiscovery(state, enrollment, previous, found);
            }
        } else if (outcome instanceof DiscoveryOutcome.Failed failed) {
            problem = failed.message();
        } else if (previous != null && previous.error() != null) {
            problem = previous.error().message();
        }
        GraphCycle cycle = graph.cycleOf(enrollment.name()).orElse(null);
        if (cycle != null) {
            problem = problem == null ? cycle.describe() : problem + "; " + cycle.describe();
        }
        if (next == null) {
            next = new DiscoveryRecord(null, enrollment.source().dockerfile(), enrollment.source().buildArgs(),
                    enrollment.source().target(), null, List.of(), null);
        }
        if (problem == null) {
            return state.withDiscovery(next.withError(null));
        }
        ErrorRecord error = ErrorRecord.carry(previous == null ? null : previous.error(), problem, now);
        if (report && error.since().equals(now)) {
            event("discovery-error", state.ref(), Map.of("enrollment", enrollment.name(), "error", problem));
            summary.add(ERROR, enrollment.name() + ": " + problem);
        }
        return state.withDiscovery(next.withError(error));
    }

    private void reportDiscovery(ImageState state, Enrollment enrollment, DiscoveryRecord previous,
                                 DiscoveryOutcome.Found found) {
        Set<String> before = previous == null ? Set.of() : refs(previous.bases());
        Set<String> after = refs(found.bases());
        Set<String> added = new TreeSet<>(after);
        added.removeAll(before);
        Set<String> removed = new TreeSet<>(before);
        removed.removeAll(after);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("enrollment", enrollment.name());
        details.put("commit", found.commit());
        details.put("added", List.copyOf(added));
        details.put("removed", List.copyOf(removed));
        if (after.isEmpty()) {
            details.put("note", "no external base images (FROM scratch or internal stages only)");
        }
        event("discovery", state.ref(), details);
        summary.add(DISCOVERY_CHANGE, enrollment.name() + (added.isEmpty() ? "" : " +" + String.join(" +", added))
                + (removed.isEmpty() ? "" : " -" + String.join(" -", removed))
                + (after.isEmpty() ? " (no bases)" : ""));
    }

    private static Set<String> refs(List<DiscoveredBase> bases) {
        Set<String> out = new TreeSet<>();
        bases.forEach(b -> out.add(b.ref() + (b.reachable() ? "" : " (unreachable)")));
        return out;
    }

    private ImageState check(ImageState state, DigestCheck outcome, Role role) {
        if (outcome instanceof DigestCheck.Failed failed) {
            ErrorRecord error = ErrorRecord.carryCheck(state.error(), failed.message(), now, failed.lastGoodCheck());
            if (error.since().equals(now)) {
                event("check-error", state.ref(), Map.of("error", failed.message()));
                newCheckErrors.computeIfAbsent(failed.message(), m -> new ArrayList<>()).add(state.ref());
            }
            return state.withError(error);
        }
        if (!(outcome instanceof DigestCheck.Seen seen)) {
            return state;
        }
        if (state.error() != null) {
            event("check-recovered", state.ref(), Map.of("error", state.error().message()));
        }
        DigestRecord record = new DigestRecord(seen.digest(), seen.platforms(), now, seen.pushedAt(), seen.detectedBy());
        String actor = seen.detectedBy() == DetectedBy.WEBHOOK ? "webhook" : Event.SYSTEM;
        if (state.digest() == null) {
            events.add(new Event(now, "digest-recorded", state.ref(), actor, digestDetails(null, record, Map.of())));
            return withBuiltFrom(state.withDigest(record), seen);
        }
        if (state.digest().equals(seen.digest())) {
            ImageState same = state.platforms().equals(seen.platforms()) ? state.withError(null) : state.withPlatforms(seen.platforms());
            return withBuiltFrom(same, seen);
        }
        Map<String, Object> changed = new TreeMap<>();
        seen.platforms().forEach((platform, digest) -> {
            String before = state.platforms().get(platform);
            if (before != null && !before.equals(digest)) {
                changed.put(platform, before + " -> " + digest);
            }
        });
        boolean relevant = seen.platforms().isEmpty() || state.platforms().isEmpty() || !changed.isEmpty();
        events.add(new Event(now, relevant ? "update" : "digest-moved", state.ref(), actor,
                digestDetails(state.digest(), record, changed)));
        if (relevant) {
            summary.add(role.isBase() ? BASE_UPDATE : IMAGE_UPDATE, state.ref() + " " + shortDigest(state.digest())
                    + " -> " + shortDigest(seen.digest()));
        }
        return withBuiltFrom(state.withDigest(record), seen);
    }

    private static ImageState withBuiltFrom(ImageState state, DigestCheck.Seen seen) {
        return seen.builtFrom() == null || seen.builtFrom().equals(state.builtFrom()) ? state : state.withBuiltFrom(seen.builtFrom());
    }

    private static Map<String, Object> digestDetails(String oldDigest, DigestRecord record, Map<String, Object> changed) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("oldDigest", oldDigest);
        details.put("newDigest", record.digest());
        details.put("detectedBy", record.detectedBy().label());
        details.put("pushedAt", record.pushedAt() == null ? null : record.pushedAt().toString());
        if (!changed.isEmpty()) {
            details.put("platforms", changed);
        }
        return details;
    }

    static String shortDigest(String digest) {
        return io.jenkins.plugins.imagefactory.status.StatusText.shortDigest(digest);
    }

    private void event(String kind, String image, Map<String, Object> details) {
        events.add(Event.of(now, kind, image, details));
    }
}
