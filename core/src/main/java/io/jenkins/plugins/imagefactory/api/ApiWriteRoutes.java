package io.jenkins.plugins.imagefactory.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagefactory.config.Enrollment;
import io.jenkins.plugins.imagefactory.config.Suggestions;
import io.jenkins.plugins.imagefactory.git.GitStoreException;
import io.jenkins.plugins.imagefactory.git.PublishResult;
import io.jenkins.plugins.imagefactory.git.ReadOnlyConfigRepositoryException;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.image.InvalidReferenceException;
import io.jenkins.plugins.imagefactory.rebuild.BuildReport;
import io.jenkins.plugins.imagefactory.rebuild.NotCurrentBuildException;
import io.jenkins.plugins.imagefactory.state.StateMapper;
import io.jenkins.plugins.imagefactory.status.RunSource;
import io.jenkins.plugins.imagefactory.status.StatusView;
import io.jenkins.plugins.imagefactory.status.StatusView.ImageDetail;
import io.jenkins.plugins.imagefactory.sync.ManualActions;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The write API, behind the host's {@link WriteAccess}: {@code POST /api/v1/images/{name}/rebuild} (committed to
 * the config repo, then a cycle is requested to act on it), {@code POST /api/v1/images/{name}/builds/{key}} (a
 * builder reports its result) and {@code POST /api/v1/runs/{id}/rerun}. A body field the route does not know is
 * refused, so a typo never turns an urgent request into a plain one.
 */
public final class ApiWriteRoutes implements ApiRoute {

    /**
     * A caller the host let write (Backstage's backend, say) may name the person it acts for; the
     * audit trail then keeps both: {@code user:default/jane via api}.
     */
    public static final String ON_BEHALF_OF = "X-Image-Factory-On-Behalf-Of";

    private static final List<String> RUNS = List.of("api", "v1", "runs");
    private static final List<String> REBUILD_FIELDS = List.of("urgent", "reason", "base");
    private static final List<String> BUILD_FIELDS = List.of("result", "digest", "runUrl", "force");
    private static final Pattern PERSON = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@:/+-]{0,199}");

    private final ApiEngine engine;
    private final RunSource runs;
    private final WriteAccess access;
    private final int maxBodyBytes;

    public ApiWriteRoutes(ApiEngine engine, RunSource runs, WriteAccess access, int maxBodyBytes) {
        this.engine = engine;
        this.runs = runs;
        this.access = access;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public Optional<ApiResponse> handle(ApiRequest request) {
        boolean rebuild = request.matches(ApiReadRoutes.IMAGES, 2) && request.segment(4).equals("rebuild");
        boolean build = request.matches(ApiReadRoutes.IMAGES, 3) && request.segment(4).equals("builds");
        boolean rerun = request.matches(RUNS, 2) && request.segment(4).equals("rerun");
        if (!rebuild && !build && !rerun) {
            return Optional.empty();
        }
        Optional<ApiResponse> denied = access.deny(request);
        if (denied.isPresent()) {
            return denied;
        }
        if (!"POST".equals(request.method())) {
            return Optional.of(ApiResponse.methodNotAllowed("POST"));
        }
        Optional<StatusView> view = engine.status();
        if (view.isEmpty()) {
            return Optional.of(ApiResponse.notReady(engine.lastError()));
        }
        if (build) {
            return Optional.of(build(view.get(), request));
        }
        return Optional.of(rebuild ? rebuild(view.get(), request) : rerun(view.get(), request));
    }

    /**
     * The enrolled image an image route names and its body, a JSON object with only {@code known}
     * fields; or the answer refusing them.
     */
    private record Target(String enrollment, JsonNode body, ApiResponse refusal) {
        static Target refused(ApiResponse refusal) {
            return new Target(null, null, refusal);
        }
    }

    private Target target(ApiRequest request, String enrollment, List<String> known, String example) {
        if (request.body().length > maxBodyBytes) {
            return Target.refused(ApiResponse.error(413, "request body is over " + maxBodyBytes + " bytes"));
        }
        JsonNode body;
        try {
            body = request.body().length == 0 ? StateMapper.json().createObjectNode() : StateMapper.json().readTree(request.body());
        } catch (IOException e) {
            return Target.refused(ApiResponse.error(400, "request body is not JSON; expected " + example));
        }
        if (body == null || !body.isObject()) {
            return Target.refused(ApiResponse.error(400, "request body must be a JSON object such as " + example));
        }
        for (var names = body.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!known.contains(field)) {
                return Target.refused(ApiResponse.error(400, "unknown field /" + ApiReadRoutes.quote(field).replace("\"", "")
                        + Suggestions.closest(field, known).map(s -> " (did you mean " + s + "?)").orElse("")
                        + "; expected " + String.join(", ", known)));
            }
        }
        return new Target(enrollment, body, null);
    }

    /** @param managedOnly what only managed images do, for the refusal of a base image ("are rebuilt") */
    private Target target(StatusView view, ApiRequest request, String managedOnly, List<String> known, String example) {
        String name = PathSegments.image(request.segment(3));
        Optional<ImageDetail> image = view.detail(name);
        if (image.isEmpty()) {
            return Target.refused(ApiReadRoutes.unknownImage(view, name));
        }
        String enrollment = image.get().summary().enrollment();
        if (enrollment == null) {
            return Target.refused(ApiResponse.error(409, image.get().summary().ref() + " is not enrolled; only managed images "
                    + managedOnly));
        }
        return target(request, enrollment, known, example);
    }

    private ApiResponse build(StatusView view, ApiRequest request) {
        Target target = target(view, request, "have builds", BUILD_FIELDS,
                "{\"result\":\"success\",\"digest\":\"sha256:…\",\"runUrl\":\"https://…\"}");
        if (target.refusal() != null) {
            return target.refusal();
        }
        String enrollment = target.enrollment();
        JsonNode body = target.body();
        JsonNode result = body.path("result");
        if (!result.isTextual() || !List.of("success", "failure").contains(result.asText())) {
            return ApiResponse.error(400, "/result must be \"success\" or \"failure\"");
        }
        for (String field : List.of("digest", "runUrl")) {
            JsonNode node = body.path(field);
            if (!node.isMissingNode() && !node.isNull() && !node.isTextual()) {
                return ApiResponse.error(400, "/" + field + " must be a string");
            }
        }
        JsonNode force = body.path("force");
        if (!force.isMissingNode() && !force.isNull() && !force.isBoolean()) {
            return ApiResponse.error(400, "/force must be true or false");
        }
        ManualActions.ReportOutcome outcome;
        try {
            BuildReport report = new BuildReport("success".equals(result.asText()), request.segment(5),
                    text(body, "digest").orElse(null), text(body, "runUrl").orElse(null), access.actor(request),
                    force.asBoolean(false));
            outcome = engine.recordBuild(enrollment, report);
        } catch (UnsupportedOperationException e) {
            return ApiResponse.error(404, e.getMessage());
        } catch (ReadOnlyConfigRepositoryException e) {
            return ApiResponse.error(409, "the config repo is a plain directory; build results need a git repo");
        } catch (NotCurrentBuildException e) {
            return ApiResponse.error(409, e.getMessage());
        } catch (IllegalArgumentException e) {
            return ApiResponse.error(400, e.getMessage());
        } catch (GitStoreException e) {
            return ApiResponse.error(502, "could not record the build result in the config repo: " + e.getMessage());
        }
        if (outcome.recorded()) {
            engine.requestSync(access.actor(request) + ":build " + enrollment);
        }
        return ApiResponse.json(outcome.recorded() ? 201 : 200, ApiReadRoutes.fields(
                "image", enrollment,
                "key", request.segment(5),
                "recorded", outcome.recorded(),
                "commit", outcome.published() instanceof PublishResult.Published p ? p.commitId() : null,
                "message", outcome.message()));
    }

    private ApiResponse rebuild(StatusView view, ApiRequest request) {
        Target target = target(view, request, "are rebuilt", REBUILD_FIELDS, "{\"urgent\":true,\"reason\":\"CVE-2026-1234\"}");
        if (target.refusal() != null) {
            return target.refusal();
        }
        String enrollment = target.enrollment();
        JsonNode body = target.body();
        JsonNode urgentNode = body.path("urgent");
        if (!urgentNode.isMissingNode() && !urgentNode.isNull() && !urgentNode.isBoolean()) {
            return ApiResponse.error(400, "/urgent must be true or false");
        }
        for (String field : List.of("reason", "base")) {
            JsonNode node = body.path(field);
            if (!node.isMissingNode() && !node.isNull() && !node.isTextual()) {
                return ApiResponse.error(400, "/" + field + " must be a string");
            }
        }
        Optional<String> reason = text(body, "reason");
        Optional<String> base = text(body, "base");
        boolean urgent = urgentNode.asBoolean(false);
        if (urgent && reason.map(String::isBlank).orElse(true)) {
            return ApiResponse.error(400, "an urgent rebuild needs a /reason, e.g. the CVE id");
        }
        String baseRef;
        try {
            baseRef = base.map(b -> ImageReference.parse(b).canonical()).orElse(null);
        } catch (InvalidReferenceException e) {
            return ApiResponse.error(400, "/base is not an image reference: " + e.getMessage());
        }
        Optional<String> person = request.header(ON_BEHALF_OF).map(String::trim);
        if (person.isPresent() && !PERSON.matcher(person.get()).matches()) {
            return ApiResponse.error(400, ON_BEHALF_OF + " must name one identity such as user:default/jane: letters, digits"
                    + " and . _ @ : / + -, at most 200 characters");
        }
        String actor = person.map(p -> p + " via " + access.actor(request)).orElse(access.actor(request));
        PublishResult result;
        try {
            result = engine.requestRebuild(enrollment, urgent, reason.orElse(null), baseRef, actor);
        } catch (ReadOnlyConfigRepositoryException e) {
            return ApiResponse.error(409, "the config repo is a plain directory; rebuild requests need a git repo");
        } catch (IllegalArgumentException e) {
            return ApiResponse.error(400, e.getMessage());
        } catch (GitStoreException e) {
            return ApiResponse.error(502, "could not record the rebuild request in the config repo: " + e.getMessage());
        }
        engine.requestSync(actor + ":rebuild " + enrollment);
        // A plain request never downgrades a pending urgent one: say so, and answer with the urgency that holds.
        var pending = view.rebuilds().get(enrollment) == null ? null : view.rebuilds().get(enrollment).request();
        boolean staysUrgent = !urgent && pending != null && pending.urgent();
        return ApiResponse.json(202, ApiReadRoutes.fields(
                "image", enrollment,
                "urgent", urgent || staysUrgent,
                "commit", result instanceof PublishResult.Published p ? p.commitId() : null,
                "message", (urgent ? "urgent rebuild requested" : staysUrgent ? "rebuild requested; it stays urgent ("
                        + pending.reason() + ")" : "rebuild requested") + "; a sync cycle will trigger it"));
    }

    private ApiResponse rerun(StatusView view, ApiRequest request) {
        long id;
        try {
            id = Long.parseLong(request.segment(3));
        } catch (NumberFormatException e) {
            return ApiResponse.error(400, "run id must be a number, got " + ApiReadRoutes.quote(request.segment(3)));
        }
        if (id <= 0) {
            return ApiResponse.error(400, "run id must be positive, got " + id);
        }
        Optional<String> name = request.queryParameter("image");
        if (name.isEmpty() || name.get().isBlank()) {
            return ApiResponse.error(400, "say which image the run belongs to: ?image=NAME");
        }
        Optional<ImageDetail> image = view.detail(name.get());
        if (image.isEmpty()) {
            return ApiReadRoutes.unknownImage(view, name.get());
        }
        Optional<Enrollment> enrollment = Optional.ofNullable(image.get().summary().enrollment())
                .flatMap(view.config()::enrollment);
        if (enrollment.isEmpty()) {
            return ApiResponse.error(404, image.get().summary().ref() + " is not a managed image; it has no build runs");
        }
        try {
            runs.rerun(enrollment.get(), id);
        } catch (RunSource.RunSourceException e) {
            int code = e.status() >= 400 && e.status() < 500 ? e.status() : 502;
            return ApiResponse.error(code, "cannot re-run run " + id + " of "
                    + enrollment.get().name() + ": " + e.getMessage());
        }
        return ApiResponse.json(202, ApiReadRoutes.fields("image", enrollment.get().name(), "run", id,
                "message", "re-run of the failed jobs requested"));
    }

    /** The string field (its type already checked), empty when absent, null or blank. */
    private static Optional<String> text(JsonNode body, String field) {
        JsonNode node = body.path(field);
        return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
    }
}
