package io.jenkins.plugins.imagefactory.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.jenkins.plugins.imagefactory.config.ConfigLoadResult;
import io.jenkins.plugins.imagefactory.config.ConfigLoader;
import io.jenkins.plugins.imagefactory.config.Enrollment;
import io.jenkins.plugins.imagefactory.config.ImageFactoryConfig;
import io.jenkins.plugins.imagefactory.rebuild.BaseUpdate;
import io.jenkins.plugins.imagefactory.rebuild.PlannedRebuild;
import io.jenkins.plugins.imagefactory.rebuild.RebuildPlan;
import io.jenkins.plugins.imagefactory.rebuild.RebuildPlanner;
import io.jenkins.plugins.imagefactory.state.BuildRecord;
import io.jenkins.plugins.imagefactory.state.DigestRecord;
import io.jenkins.plugins.imagefactory.state.ErrorRecord;
import io.jenkins.plugins.imagefactory.state.ImageState;
import io.jenkins.plugins.imagefactory.state.RebuildRequest;
import io.jenkins.plugins.imagefactory.state.RebuildState;
import io.jenkins.plugins.imagefactory.state.StateMapper;
import io.jenkins.plugins.imagefactory.state.StateStore;
import io.jenkins.plugins.imagefactory.sync.SyncResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable picture of everything the APIs and dashboards show, taken from the config repo's
 * work tree between cycles. Both hosts serve the same shapes from it. A host builds one per cycle
 * and shares it between every request: the graph, the rows and the index by name are computed
 * once, on first use, never per call.
 */
public final class StatusView {

    private final ImageFactoryConfig config;
    private final Map<String, ImageState> images;
    private final Map<String, RebuildState> rebuilds;
    private final RebuildPlan plan;
    private final Instant takenAt;
    private final Once<StatusReader> reader;
    private final Once<Rows> rows = new Once<>(this::index);
    private final Once<byte[]> firstPageJson = new Once<>(this::serialiseFirstPage);
    private final Once<EstateCounts> counts = new Once<>(() -> EstateCounts.of(rows()));

    /** The rows, in order, and where each image's row is by reference. */
    private record Rows(List<ImageRow> rows, Map<String, Integer> byRef) {
    }

    /**
     * @param config   the config it was read with
     * @param images   state per reference
     * @param rebuilds rebuild bookkeeping per enrollment
     * @param plan     the rebuild plan as of {@code takenAt}
     * @param takenAt  when
     */
    public StatusView(ImageFactoryConfig config, Map<String, ImageState> images, Map<String, RebuildState> rebuilds,
                      RebuildPlan plan, Instant takenAt) {
        this(config, images, rebuilds, plan, takenAt, null);
    }

    private StatusView(ImageFactoryConfig config, Map<String, ImageState> images, Map<String, RebuildState> rebuilds,
                       RebuildPlan plan, Instant takenAt, StatusReader reader) {
        this.config = config;
        this.images = images;
        this.rebuilds = rebuilds;
        this.plan = plan;
        this.takenAt = takenAt;
        this.reader = reader != null ? Once.of(reader) : new Once<>(() -> new StatusReader(config, images, rebuilds));
    }

    /** Reads a work tree; empty when its config is invalid (the previous view should stay). */
    public static Optional<StatusView> read(Path workTree, Instant now) {
        ConfigLoadResult loaded = ConfigLoader.load(workTree);
        if (!(loaded instanceof ConfigLoadResult.Valid valid)) {
            return Optional.empty();
        }
        return Optional.of(of(valid.config(), workTree, now));
    }

    /**
     * The state in a work tree read with {@code config}: its own when valid, or the last good one a
     * host keeps running on while the work tree's config is invalid.
     */
    public static StatusView of(ImageFactoryConfig config, Path workTree, Instant now) {
        StateStore store = new StateStore(workTree, config.settings().paths());
        return of(config, store.loadImages(), store.loadRebuilds(), now);
    }

    /** The view of state a host already holds (what a cycle just wrote), planned as of {@code now}. */
    public static StatusView of(ImageFactoryConfig config, Map<String, ImageState> images, Map<String, RebuildState> rebuilds,
                                Instant now) {
        StatusReader reader = new StatusReader(config, images, rebuilds);
        RebuildPlan plan = RebuildPlanner.plan(config, reader.graph(), images, rebuilds, now);
        return new StatusView(config, images, rebuilds, plan, now, reader);
    }

    /**
     * The view a host publishes after a cycle, its rows already made, so requests keep reading the
     * previous view until this one is ready. After a cycle that ran, the state it wrote with the
     * config it ran on (the last good one while the repo's is invalid): nothing is read again. After
     * one that wrote nothing of its own (another instance holds the lease, the config is invalid),
     * the work tree as it is; empty when its config is invalid, since the previous view is still true.
     * Call it on the thread that ran the cycle: the rows take a while for a large estate.
     */
    public static Optional<StatusView> afterCycle(SyncResult result, Path workTree, Instant now) {
        Optional<StatusView> next = result instanceof SyncResult.Completed completed && completed.config() != null
                ? Optional.of(of(completed.config(), completed.snapshot().images(), completed.snapshot().rebuilds(), now))
                : read(workTree, now);
        next.ifPresent(StatusView::rows);
        return next;
    }

    /** Whether {@code reference} is tracked, so a push about it is worth a check. */
    public boolean watches(io.jenkins.plugins.imagefactory.image.ImageReference reference) {
        return images.containsKey(reference.canonical());
    }

    public ImageFactoryConfig config() {
        return config;
    }

    public Map<String, ImageState> images() {
        return images;
    }

    public Map<String, RebuildState> rebuilds() {
        return rebuilds;
    }

    public RebuildPlan plan() {
        return plan;
    }

    public Instant takenAt() {
        return takenAt;
    }

    /** The read model with its graph, built once per view. */
    public StatusReader reader() {
        return reader.get();
    }

    /** One row per tracked image: what a list or dashboard shows; computed once per view. */
    public List<ImageRow> rows() {
        return rows.get().rows();
    }

    /** How many images stand where, over every row; counted once per view. */
    public EstateCounts counts() {
        return counts.get();
    }

    /**
     * The API's default page of the list ({@link ImageQuery#FIRST_PAGE}) as JSON, serialised once
     * per view: every host's plain list requests between two cycles share these bytes, which nobody
     * may change.
     */
    public byte[] firstPageJson() {
        return firstPageJson.get();
    }

    private byte[] serialiseFirstPage() {
        try {
            return StateMapper.json().writeValueAsBytes(ImageQuery.FIRST_PAGE.apply(rows()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the first page of the image list as JSON", e);
        }
    }

    /** Everything about one image, by enrollment name or reference. */
    public Optional<ImageDetail> detail(String nameOrReference) {
        Rows all = rows.get();
        return reader().find(nameOrReference).map(status -> {
            Integer at = all.byRef().get(status.ref());
            ImageRow row = at == null ? row(status) : all.rows().get(at);
            ImageState state = images.get(status.ref());
            List<DigestRecord> history = state == null ? List.of() : state.history();
            List<BuildRecord> builds = status.enrollment() == null ? List.of()
                    : rebuilds.getOrDefault(status.enrollment(), RebuildState.empty(status.enrollment())).builds();
            return new ImageDetail(row, status, history, builds);
        });
    }

    private Rows index() {
        List<ImageRow> list = reader().all().stream().map(this::row).toList();
        Map<String, Integer> byRef = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            byRef.put(list.get(i).ref(), i);
        }
        return new Rows(list, byRef);
    }

    /** A value computed on first use, once, whichever request thread asks first. */
    private static final class Once<T> {
        private final java.util.function.Supplier<T> make;
        private volatile T value;

        Once(java.util.function.Supplier<T> make) {
            this.make = make;
        }

        static <T> Once<T> of(T value) {
            Once<T> once = new Once<>(() -> value);
            once.value = value;
            return once;
        }

        T get() {
            T known = value;
            if (known == null) {
                synchronized (this) {
                    known = value;
                    if (known == null) {
                        known = make.get();
                        value = known;
                    }
                }
            }
            return known;
        }
    }

    /**
     * What a person probably meant by a name that names no tracked image: the closest enrollment
     * name or reference, else the enrollment names to choose from.
     */
    public String suggest(String typed) {
        return closest(typed).map(s -> " (did you mean " + s + "?)")
                .orElse("; enrolled: " + String.join(", ", config.enrollments().stream().map(Enrollment::name).toList()));
    }

    /** The enrollment name or tracked reference nearest to {@code typed}, if one is near enough to be a slip. */
    public Optional<String> closest(String typed) {
        List<String> known = new java.util.ArrayList<>();
        config.enrollments().forEach(enrollment -> known.add(enrollment.name()));
        reader().graph().tracked().forEach(reference -> known.add(reference.canonical()));
        Optional<String> closest = io.jenkins.plugins.imagefactory.config.Suggestions.closest(typed, known);
        if (closest.isEmpty()) {
            try {
                closest = io.jenkins.plugins.imagefactory.config.Suggestions.closest(
                        io.jenkins.plugins.imagefactory.image.ImageReference.parse(typed).canonical(), known);
            } catch (IllegalArgumentException notAReference) {
                // only names are compared
            }
        }
        return closest;
    }

    private ImageRow row(ImageStatus status) {
        PlannedRebuild planned = status.enrollment() == null ? null : plan.image(status.enrollment()).orElse(null);
        BuildRecord last = status.builds().isEmpty() ? null : status.builds().get(status.builds().size() - 1);
        Enrollment enrollment = status.enrollment() == null ? null : config.enrollment(status.enrollment()).orElse(null);
        RebuildState rebuild = enrollment == null ? null
                : rebuilds.getOrDefault(enrollment.name(), RebuildState.empty(enrollment.name()));
        ImageState state = images.get(status.ref());
        String refDigest = status.digest() == null ? null
                : io.jenkins.plugins.imagefactory.image.ImageReference.parse(status.ref()).name() + "@" + status.digest();
        ErrorRecord checkError = state == null ? null : state.error();
        ErrorRecord discoveryError = state == null || state.discovery() == null ? null : state.discovery().error();
        ErrorRecord shownError = checkError != null ? checkError : discoveryError;
        List<BaseUpdate> updates = planned == null ? List.of() : planned.updates();
        RebuildRequest request = planned == null ? null : planned.request();
        boolean urgent = request != null ? request.urgent() : last != null && last.isActive() && Boolean.TRUE.equals(last.urgent());
        String urgentReason = !urgent ? null : request != null ? request.reason() : last.reason();
        return new ImageRow(status.ref(), status.role(), status.enrollment(), status.owner(), status.digest(), refDigest,
                status.lastUpdate() == null ? null : status.lastUpdate().agedFrom(),
                planned == null ? null : planned.status().label(), planned == null ? null : planned.dueAt(),
                updates.stream().map(u -> StatusText.update(u, takenAt)).toList(),
                planned == null ? null : planned.waitingOn(),
                last == null ? null : last.status(), last == null ? null : Links.safeHref(last.runUrl()),
                last == null ? null : (last.finishedAt() != null ? last.finishedAt() : last.requestedAt()),
                rebuild != null && rebuild.breakerOpen(), status.error(), status.dependencies(), status.dependents(),
                planned == null ? null : StatusText.rebuild(status.enrollment(), planned), updates,
                urgent ? Boolean.TRUE : null, urgentReason,
                shownError == null ? null : checkError != null ? ERROR_CHECK : ERROR_DISCOVERY,
                shownError == null ? null : shownError.since(), checkError == null ? null : checkError.lastGoodCheck(),
                last == null ? null : last.key(), last == null ? null : last.finishedAt(), last == null ? null : last.message(),
                planned == null ? null : planned.timeoutAt(),
                enrollment == null ? null : enrollment.source().repository(),
                enrollment == null ? null : enrollment.source().dockerfile(),
                enrollment == null ? null : enrollment.build().kind(), status.rebuildDelay(), status.autoRebuild());
    }

    /** {@link ImageRow#errorKind}: the registry check failed. */
    public static final String ERROR_CHECK = "check";
    /** {@link ImageRow#errorKind}: the Dockerfile could not be read or analysed. */
    public static final String ERROR_DISCOVERY = "discovery";

    /**
     * A list row; field names are the JSON API's, and the CLI's {@code status --json} prints the same.
     *
     * @param rebuildCauses       every newer base digest it has not been built on, as text with since when
     * @param waitingOn           the ancestor it waits for, or why it is blocked, breaker-open or failing to dispatch
     * @param rebuildSummary      one line saying where the rebuild stands and what happens next ({@link StatusText#rebuild})
     * @param updates             {@code rebuildCauses} as data
     * @param urgent              {@code true} while an urgent request is pending or its build runs
     * @param errorKind           {@code check} (the registry) or {@code discovery} (the Dockerfile), with {@code error}
     * @param errorSince          when {@code error} began
     * @param lastGoodCheck       for a failing check, when a check last worked (the digest shown is as of then)
     * @param lastBuildFinishedAt when the last build finished, or {@code null} while it runs
     * @param buildTimeoutAt      when the running build counts as timed out
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record ImageRow(String ref, String role, String enrollment, String owner, String digest, String refDigest,
                           Instant updatedAt, String rebuildStatus, Instant rebuildDue, List<String> rebuildCauses,
                           String waitingOn, String lastBuildStatus, String lastBuildUrl, Instant lastBuildAt,
                           boolean breakerOpen, String error, List<String> dependencies, List<String> dependents,
                           String rebuildSummary, List<BaseUpdate> updates, Boolean urgent, String urgentReason,
                           String errorKind, Instant errorSince, Instant lastGoodCheck, String lastBuildKey,
                           Instant lastBuildFinishedAt, String lastBuildMessage, Instant buildTimeoutAt, String source,
                           String dockerfile, String buildSystem, String rebuildDelay, Boolean autoRebuild) {

        /** Where the image stands at a glance, for colours and counts. */
        public static final String FAILING = "failing";
        public static final String RUNNING = "running";
        public static final String PENDING = "pending";
        public static final String OK = "ok";
        public static final String BASE = "base";

        /**
         * {@code failing} (an error, a failed dispatch, an open breaker, blocked, or a last build that
         * failed or timed out), {@code running}, {@code pending} (a rebuild waits or is due), {@code ok},
         * or {@code base} (not built here).
         */
        @com.fasterxml.jackson.annotation.JsonProperty("standing")
        public String standing() {
            if (error != null || "dispatch-failed".equals(rebuildStatus) || "breaker-open".equals(rebuildStatus)
                    || "blocked".equals(rebuildStatus) || BuildRecord.FAILED.equals(lastBuildStatus)
                    || BuildRecord.TIMED_OUT.equals(lastBuildStatus)) {
                return FAILING;
            }
            if (rebuildStatus == null) {
                return BASE;
            }
            return "running".equals(rebuildStatus) ? RUNNING : "up-to-date".equals(rebuildStatus) ? OK : PENDING;
        }
    }

    /** The image page: its row, its merged config + state, every digest it had and every build. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record ImageDetail(ImageRow summary, ImageStatus status, List<DigestRecord> history, List<BuildRecord> builds) {
    }
}
