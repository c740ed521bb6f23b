package io.jenkins.plugins.imagefactory.jenkins;

import com.fasterxml.jackson.databind.JsonNode;
import hudson.Extension;
import hudson.model.RootAction;
import io.jenkins.plugins.imagefactory.config.Enrollment;
import io.jenkins.plugins.imagefactory.git.GitStoreException;
import io.jenkins.plugins.imagefactory.git.PublishResult;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.image.InvalidReferenceException;
import io.jenkins.plugins.imagefactory.state.StateMapper;
import io.jenkins.plugins.imagefactory.status.RunSource;
import io.jenkins.plugins.imagefactory.status.StatusView;
import io.jenkins.plugins.imagefactory.status.StatusView.ImageDetail;
import io.jenkins.plugins.imagefactory.status.StatusView.ImageRow;
import io.jenkins.plugins.imagefactory.sync.SyncRunner;
import io.jenkins.plugins.imagefactory.trigger.BuildTriggers;
import io.jenkins.plugins.imagefactory.trigger.GitHubActionsClient;
import io.jenkins.plugins.imagefactory.trigger.GitHubRunSource;
import io.jenkins.plugins.imagefactory.retry.RetryPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * "Image Factory" in the side panel (Overall/Read): the dashboard listing every tracked image, a page
 * per image, and the JSON API of {@code serve} under {@code /image-factory/api/v1/…} for Backstage's
 * proxy (authenticate with an API token: Jenkins needs no crumb then). Writes need
 * {@link ImageFactoryPermissions#REBUILD}.
 */
@Extension
public final class ImageFactoryRootAction implements RootAction {

    public static final String URL_NAME = "image-factory";
    static final int MAX_BODY_BYTES = 64 * 1024;
    static final int MAX_PER_PAGE = 100;

    @Override
    public String getIconFileName() {
        return Jenkins.get().hasPermission(Jenkins.READ) ? "symbol-cube" : null;
    }

    @Override
    public String getDisplayName() {
        return "Image Factory";
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    /** For index.jelly: every tracked image, empty before the first sync. */
    public List<ImageRow> getRows() {
        Jenkins.get().checkPermission(Jenkins.READ);
        return ImageFactoryService.get().status().map(StatusView::rows).orElse(List.of());
    }

    public boolean isReady() {
        return ImageFactoryService.get().status().isPresent();
    }

    public boolean isConfigured() {
        return ImageFactoryService.get().isConfigured();
    }

    public SyncRunner getRunner() {
        Jenkins.get().checkPermission(Jenkins.READ);
        return ImageFactoryService.get().runner();
    }

    /** {@code /image-factory/image/{name}}: by enrollment name, or by a URL-encoded reference. */
    public ImagePage getImage(String name) {
        Jenkins.get().checkPermission(Jenkins.READ);
        return ImageFactoryService.get().status().flatMap(view -> view.detail(name)).map(ImagePage::new).orElse(null);
    }

    /**
     * {@code /image-factory/api/v1/…}: {@code GET images}, {@code GET images/{name}}, {@code GET
     * images/{name}/runs}, {@code GET images/{name}/tags}, {@code GET status}, {@code POST
     * images/{name}/rebuild}, {@code POST runs/{id}/rerun?image=NAME}.
     */
    public HttpResponse doApi(StaplerRequest2 req) throws IOException {
        Jenkins.get().checkPermission(Jenkins.READ);
        List<String> path = Arrays.stream(req.getRestOfPath().split("/")).filter(s -> !s.isEmpty())
                .map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8)).toList();
        if (path.isEmpty() || !path.get(0).equals("v1")) {
            return JsonResponse.error(404, "the API lives under /" + URL_NAME + "/api/v1/");
        }
        List<String> route = path.subList(1, path.size());
        boolean post = "POST".equals(req.getMethod());
        if (route.size() == 1 && route.get(0).equals("status")) {
            return post ? methodNotAllowed("GET") : status();
        }
        boolean rebuild = route.size() == 3 && route.get(0).equals("images") && route.get(2).equals("rebuild");
        boolean rerun = route.size() == 3 && route.get(0).equals("runs") && route.get(2).equals("rerun");
        if (rebuild || rerun) {
            if (!post) {
                return methodNotAllowed("POST");
            }
            Jenkins.get().checkPermission(ImageFactoryPermissions.REBUILD);
        } else if (post) {
            return methodNotAllowed("GET");
        }
        Optional<StatusView> view = ImageFactoryService.get().status();
        if (view.isEmpty()) {
            return JsonResponse.error(503, "Image Factory has not finished a sync yet"
                    + ImageFactoryService.get().runner().lastError().map(e -> "; last error: " + e).orElse(""));
        }
        if (route.size() == 1 && route.get(0).equals("images")) {
            return new JsonResponse(200, view.get().rows());
        }
        if (rerun) {
            return rerun(view.get(), route.get(1), req.getParameter("image"));
        }
        if (!route.isEmpty() && route.get(0).equals("images") && route.size() <= 3) {
            Optional<ImageDetail> image = view.get().detail(route.get(1));
            if (image.isEmpty()) {
                return unknownImage(route.get(1));
            }
            if (route.size() == 2) {
                return new JsonResponse(200, image.get());
            }
            switch (route.get(2)) {
                case "rebuild":
                    return rebuild(image.get(), req);
                case "runs":
                    return runs(view.get(), image.get(), req);
                case "tags":
                    return tags(view.get(), image.get(), req);
                default:
                    break;
            }
        }
        return JsonResponse.error(404, "no API route /api/v1/" + String.join("/", route));
    }

    private static HttpResponse status() {
        ImageFactoryService service = ImageFactoryService.get();
        SyncRunner runner = service.runner();
        return JsonResponse.of(200, "configured", service.isConfigured(), "ready", service.status().isPresent(),
                "running", runner.isRunning(), "queued", runner.queueLength(), "cycles", runner.cycles(),
                "failures", runner.failures(), "lastFinished", runner.lastFinished().orElse(null),
                "lastError", runner.lastError().orElse(null));
    }

    private static HttpResponse rebuild(ImageDetail image, StaplerRequest2 req) throws IOException {
        String enrollment = image.summary().enrollment();
        if (enrollment == null) {
            return JsonResponse.error(409, image.summary().ref() + " is not enrolled; only managed images are rebuilt");
        }
        byte[] bytes;
        try (InputStream in = req.getInputStream()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            return JsonResponse.error(413, "rebuild request body is over " + MAX_BODY_BYTES + " bytes");
        }
        JsonNode body;
        try {
            body = bytes.length == 0 ? StateMapper.json().createObjectNode() : StateMapper.json().readTree(bytes);
        } catch (IOException e) {
            return JsonResponse.error(400, "rebuild request body is not JSON; expected {\"urgent\":bool,\"reason\":\"…\",\"base\":\"…\"}");
        }
        if (body == null || !body.isObject()) {
            return JsonResponse.error(400, "rebuild request body must be a JSON object such as {\"urgent\":true,\"reason\":\"CVE-2026-1234\"}");
        }
        JsonNode urgentNode = body.path("urgent");
        if (!urgentNode.isMissingNode() && !urgentNode.isNull() && !urgentNode.isBoolean()) {
            return JsonResponse.error(400, "/urgent must be true or false");
        }
        for (String field : List.of("reason", "base")) {
            JsonNode node = body.path(field);
            if (!node.isMissingNode() && !node.isNull() && !node.isTextual()) {
                return JsonResponse.error(400, "/" + field + " must be a string");
            }
        }
        boolean urgent = urgentNode.asBoolean(false);
        String reason = text(body, "reason");
        if (urgent && reason == null) {
            return JsonResponse.error(400, "an urgent rebuild needs a /reason, e.g. the CVE id");
        }
        String baseRef;
        try {
            String base = text(body, "base");
            baseRef = base == null ? null : ImageReference.parse(base).canonical();
        } catch (InvalidReferenceException e) {
            return JsonResponse.error(400, "/base is not an image reference: " + e.getMessage());
        }
        String actor = "jenkins:" + Jenkins.getAuthentication2().getName();
        ImageFactoryService service = ImageFactoryService.get();
        PublishResult result;
        try {
            result = service.withActions(actions -> actions.requestRebuild(enrollment, urgent, reason, baseRef, actor));
        } catch (IllegalArgumentException e) {
            return JsonResponse.error(400, e.getMessage());
        } catch (GitStoreException e) {
            return JsonResponse.error(502, "could not record the rebuild request in the config repo: " + e.getMessage());
        }
        service.requestSync(Map.of(), actor);
        return JsonResponse.of(202, "image", enrollment, "urgent", urgent,
                "commit", result instanceof PublishResult.Published p ? p.commitId() : null,
                "message", (urgent ? "urgent " : "") + "rebuild requested; a sync cycle will trigger it");
    }

    /** Tags of the image's repository from its registry's own API (Docker Hub, GitHub Packages, or OCI). */
    private static HttpResponse tags(StatusView view, ImageDetail image, StaplerRequest2 req) {
        int page;
        int perPage;
        try {
            page = parsePositive(req.getParameter("page"), 1);
            perPage = Math.min(MAX_PER_PAGE, parsePositive(req.getParameter("per_page"), 20));
        } catch (NumberFormatException e) {
            return JsonResponse.error(400, "page and per_page are positive whole numbers");
        }
        io.jenkins.plugins.imagefactory.image.ImageReference repository =
                io.jenkins.plugins.imagefactory.image.ImageReference.parse(image.summary().ref());
        io.jenkins.plugins.imagefactory.host.StandardPorts ports = new io.jenkins.plugins.imagefactory.host.StandardPorts(
                ImageFactoryConfiguration.get().secretResolver(), ImageFactoryService.workDirectory(),
                io.jenkins.plugins.imagefactory.registry.RegistryEndpoints.standard(), config -> Map.of(),
                java.time.Clock.systemUTC());
        try {
            return new JsonResponse(200, io.jenkins.plugins.imagefactory.host.HostServices.tags(view::config, ports)
                    .tags(repository, page, perPage));
        } catch (io.jenkins.plugins.imagefactory.status.TagSource.TagSourceException e) {
            return JsonResponse.error(502, "the registry could not list the tags of " + repository.name() + ": "
                    + e.getMessage());
        }
    }

    private static HttpResponse runs(StatusView view, ImageDetail image, StaplerRequest2 req) {
        Optional<Enrollment> enrollment = Optional.ofNullable(image.summary().enrollment()).flatMap(view.config()::enrollment);
        if (enrollment.isEmpty()) {
            return JsonResponse.error(404, image.summary().ref() + " is not a managed image; only enrolled images have build runs");
        }
        int page;
        int perPage;
        try {
            page = parsePositive(req.getParameter("page"), 1);
            perPage = Math.min(MAX_PER_PAGE, parsePositive(req.getParameter("per_page"), 20));
        } catch (NumberFormatException e) {
            return JsonResponse.error(400, "page and per_page are positive whole numbers");
        }
        Optional<RunSource> source = runSource();
        if (source.isEmpty()) {
            return JsonResponse.error(404, "no GitHub credentials configured for Image Factory, so build runs cannot be listed");
        }
        try {
            return new JsonResponse(200, source.get().runs(enrollment.get(), page, perPage));
        } catch (RunSource.RunSourceException e) {
            return JsonResponse.error(e.status() == 404 ? 404 : 502, "cannot list build runs of "
                    + enrollment.get().name() + ": " + e.getMessage());
        }
    }

    private static HttpResponse rerun(StatusView view, String idText, String name) {
        long id;
        try {
            id = Long.parseLong(idText);
        } catch (NumberFormatException e) {
            return JsonResponse.error(400, "run id must be a number, got \"" + idText + "\"");
        }
        if (name == null || name.isBlank()) {
            return JsonResponse.error(400, "say which image the run belongs to: ?image=NAME");
        }
        Optional<ImageDetail> image = view.detail(name);
        if (image.isEmpty()) {
            return unknownImage(name);
        }
        Optional<Enrollment> enrollment = Optional.ofNullable(image.get().summary().enrollment())
                .flatMap(view.config()::enrollment);
        if (enrollment.isEmpty()) {
            return JsonResponse.error(404, image.get().summary().ref() + " is not a managed image; it has no build runs");
        }
        Optional<RunSource> source = runSource();
        if (source.isEmpty()) {
            return JsonResponse.error(404, "no GitHub credentials configured for Image Factory, so runs cannot be re-run");
        }
        try {
            source.get().rerun(enrollment.get(), id);
        } catch (RunSource.RunSourceException e) {
            return JsonResponse.error(e.status() == 404 ? 404 : 502, "cannot re-run run " + id + " of "
                    + enrollment.get().name() + ": " + e.getMessage());
        }
        return JsonResponse.of(202, "image", enrollment.get().name(), "run", id,
                "message", "re-run of the failed jobs requested");
    }

    /** GitHub runs with the plugin's GitHub credentials; they never leave the controller. */
    private static Optional<RunSource> runSource() {
        ImageFactoryConfiguration configuration = ImageFactoryConfiguration.get();
        String id = configuration.getGitHubCredentialsId();
        if (id == null) {
            return Optional.empty();
        }
        return configuration.secretResolver().resolve(id).map(secret -> new GitHubRunSource(
                new GitHubActionsClient(configuration.getGitHubApiUrl(), secret, RetryPolicy.standard(), BuildTriggers.TIMEOUT)));
    }

    private static HttpResponse unknownImage(String name) {
        return JsonResponse.error(404, "no tracked image \"" + name.replaceAll("\\p{Cntrl}", "?")
                + "\"; use an enrollment name or a URL-encoded reference such as ghcr.io%2Facme%2Fapp%3Alatest");
    }

    private static HttpResponse methodNotAllowed(String allowed) {
        return JsonResponse.error(405, "use " + allowed + " here");
    }

    private static int parsePositive(String text, int fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        int value = Integer.parseInt(text.trim());
        if (value < 1) {
            throw new NumberFormatException("not positive: " + value);
        }
        return value;
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.path(field);
        return node.isTextual() && !node.asText().isBlank() ? node.asText().trim() : null;
    }
}
