package io.jenkins.plugins.imagefactory.jenkins;

import hudson.Extension;
import hudson.model.RootAction;
import io.jenkins.plugins.imagefactory.api.ApiReadRoutes;
import io.jenkins.plugins.imagefactory.api.ApiRequest;
import io.jenkins.plugins.imagefactory.api.ApiResponse;
import io.jenkins.plugins.imagefactory.api.ApiRoute;
import io.jenkins.plugins.imagefactory.api.ApiWriteRoutes;
import io.jenkins.plugins.imagefactory.api.PathSegments;
import io.jenkins.plugins.imagefactory.api.TagPageCache;
import io.jenkins.plugins.imagefactory.status.DependencyPicture;
import io.jenkins.plugins.imagefactory.status.Links;
import io.jenkins.plugins.imagefactory.status.StatusText;
import io.jenkins.plugins.imagefactory.status.StatusView.ImageRow;
import io.jenkins.plugins.imagefactory.sync.SyncRunner;
import io.jenkins.plugins.imagefactory.webhook.WebhookRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.Stapler;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * "Image Factory" in the side panel (Overall/Read): the dashboard listing the tracked images a page
 * at a time ({@link ImageListPage}), a page per image, and the JSON API of {@code serve} under
 * {@code /image-factory/api/v1/…} for Backstage's backend plugin (authenticate with an API token:
 * Jenkins needs no crumb then). Writes need
 * {@link ImageFactoryPermissions#REBUILD}.
 */
@Extension
public final class ImageFactoryRootAction implements RootAction {

    public static final String URL_NAME = "image-factory";
    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final List<String> STATUS = List.of("api", "v1", "status");

    /** The last good tag pages, shown (marked stale) while a registry is down. */
    private final TagPageCache tagCache = new TagPageCache(1_000);

    @Override
    public String getIconFileName() {
        return Jenkins.get().hasPermission(Jenkins.READ) ? "symbol-cube" : null;
    }

    @Override
    public String getDisplayName() {
        return Messages.ImageFactoryRootAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    /**
     * For index.jelly: the page of the image list this request asks for, with the counts of the whole
     * estate, or why its query is refused; {@code null} before the first sync.
     */
    public ImageListPage getImageList() {
        Jenkins.get().checkPermission(Jenkins.READ);
        StaplerRequest2 request = Stapler.getCurrentRequest2();
        return ImageFactoryService.get().status().map(view -> ImageListPage.of(view,
                name -> Optional.ofNullable(request == null ? null : request.getParameter(name)))).orElse(null);
    }

    public boolean isConfigured() {
        return ImageFactoryService.get().isConfigured();
    }

    /** The last cycle's error, or {@code null}. */
    public String getLastError() {
        Jenkins.get().checkPermission(Jenkins.READ);
        return ImageFactoryService.get().lastError().orElse(null);
    }

    /** What keeps the engine from working as configured (settings, unmapped credentials references). */
    public List<String> getProblems() {
        Jenkins.get().checkPermission(Jenkins.READ);
        return ImageFactoryService.get().problems();
    }

    /** Who writes the config repo while this controller stands by, or {@code null} when it writes itself. */
    public String getStandby() {
        Jenkins.get().checkPermission(Jenkins.READ);
        return ImageFactoryService.get().standby().orElse(null);
    }

    /**
     * The row's page, relative to this action: {@code image/<enrollment or reference>/}, the reference
     * encoded twice so no {@code %2F} reaches a servlet container or proxy that refuses one.
     */
    public String imagePath(ImageRow row) {
        return "image/" + PathSegments.imageSegment(row.enrollment() != null ? row.enrollment() : row.ref()) + "/";
    }

    /** For the Jelly views: the URL when it may be a link (see {@link Links}), else {@code null}. */
    public String safeHref(String url) {
        return Links.safeHref(url);
    }

    /** The words every host shows for a row (so this page says what serve's and the CLI say). */
    public String digestText(ImageRow row) {
        return StatusText.digest(row);
    }

    public String lastBuildText(ImageRow row) {
        return StatusText.lastBuild(row);
    }

    /** Every reason the row is failing, in core's words; empty when it is not. */
    public List<String> problems(ImageRow row) {
        return StatusText.problems(row);
    }

    /** Whether the row is failing, to highlight it. */
    public boolean failing(ImageRow row) {
        return ImageRow.FAILING.equals(row.standing());
    }

    /** Every tracked image and what it builds on, as SVG (core markup, names escaped); null when too many. */
    public String getEstatePicture() {
        Jenkins.get().checkPermission(Jenkins.READ);
        return ImageFactoryService.get().status().map(view -> DependencyPicture.estate(view.rows(), this::imagePath))
                .orElse(null);
    }

    /** {@code /image-factory/image/{name}}: by enrollment name, or by a URL-encoded reference. */
    public ImagePage getImage(String name) {
        Jenkins.get().checkPermission(Jenkins.READ);
        return ImageFactoryService.get().status().flatMap(view -> view.detail(PathSegments.image(name))
                .map(detail -> new ImagePage(detail, DependencyPicture.around(view.rows(), detail.summary().ref(),
                        row -> "../../" + imagePath(row))))).orElse(null);
    }

    /**
     * {@code /image-factory/api/v1/…}: the JSON API of {@code serve} ({@code GET images}, {@code GET
     * images/{name}}, {@code GET images/{name}/runs}, {@code GET images/{name}/tags}, {@code POST
     * images/{name}/rebuild}, {@code POST runs/{id}/rerun?image=NAME}), answered by the same core
     * routes, plus {@code GET status} for the controller's engine.
     */
    public HttpResponse doApi(StaplerRequest2 req) throws IOException {
        Jenkins.get().checkPermission(Jenkins.READ);
        // The original (still encoded) path: an image reference is one segment, %2F and all.
        Optional<List<String>> rest = PathSegments.decode(req.getOriginalRestOfPath());
        if (rest.isEmpty()) {
            return JsonResponse.error(400, "the path has a malformed %-escape");
        }
        List<String> segments = new ArrayList<>();
        segments.add("api");
        segments.addAll(rest.get());
        if (segments.equals(STATUS)) {
            return "GET".equals(req.getMethod()) ? status() : new JsonResponse(ApiResponse.methodNotAllowed("GET"));
        }
        ApiRequest request = new ApiRequest(req.getMethod(), "/" + URL_NAME + "/api" + req.getOriginalRestOfPath(),
                segments, WebhookRequest.parseQueryString(req.getQueryString()), headers(req), body(req));
        ImageFactoryService service = ImageFactoryService.get();
        List<ApiRoute> routes = List.of(
                new ApiWriteRoutes(service, service.runs(), new JenkinsWriteAccess(), MAX_BODY_BYTES),
                new ApiReadRoutes(service, service.tags(), service.runs(), tagCache, Clock.systemUTC(),
                        new JenkinsReadAccess()));
        for (ApiRoute route : routes) {
            try {
                Optional<ApiResponse> answer = route.handle(request);
                if (answer.isPresent()) {
                    return new JsonResponse(answer.get());
                }
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException("Image Factory API " + request + " failed", e);
            }
        }
        return JsonResponse.error(404, "no API route " + request.path() + "; the API lives under /" + URL_NAME + "/api/v1/");
    }

    private static HttpResponse status() {
        ImageFactoryService service = ImageFactoryService.get();
        Optional<SyncRunner> runner = service.startedRunner();
        return JsonResponse.of(200, "configured", service.isConfigured(), "ready", service.status().isPresent(),
                "running", runner.map(SyncRunner::isRunning).orElse(false),
                "queued", runner.map(SyncRunner::queueLength).orElse(0),
                "cycles", runner.map(SyncRunner::cycles).orElse(0L),
                "failures", runner.map(SyncRunner::failures).orElse(0L),
                "lastFinished", runner.flatMap(SyncRunner::lastFinished).orElse(null),
                "lastError", runner.flatMap(SyncRunner::lastError).orElse(null),
                "problems", service.problems(),
                "standby", service.standby().orElse(null));
    }

    private static Map<String, List<String>> headers(StaplerRequest2 req) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : Collections.list(req.getHeaderNames())) {
            headers.put(name, Collections.list(req.getHeaders(name)));
        }
        return headers;
    }

    /** At most one byte over the cap: enough for the routes to answer 413 without buffering a flood. */
    private static byte[] body(StaplerRequest2 req) throws IOException {
        if (!"POST".equals(req.getMethod())) {
            return new byte[0];
        }
        try (InputStream in = req.getInputStream()) {
            return in.readNBytes(MAX_BODY_BYTES + 1);
        }
    }
}
