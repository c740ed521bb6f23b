package io.jenkins.plugins.imagefactory.cli.serve;

import io.jenkins.plugins.imagefactory.api.ApiReadRoutes;
import io.jenkins.plugins.imagefactory.api.ApiRequest;
import io.jenkins.plugins.imagefactory.api.ApiResponse;
import io.jenkins.plugins.imagefactory.api.ApiRoute;
import io.jenkins.plugins.imagefactory.status.ImageQuery;
import io.jenkins.plugins.imagefactory.status.StatusView;
import io.jenkins.plugins.imagefactory.sync.SyncRunner;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /} (the images, a page at a time: {@code ?page=&per_page=&q=&role=&status=} as the API),
 * {@code GET /images/{name}} (one image), as HTML, and the icon browsers ask for.
 */
final class DashboardRoutes implements ApiRoute {

    private final CurrentStatus status;
    private final SyncRunner runner;

    DashboardRoutes(CurrentStatus status, SyncRunner runner) {
        this.status = status;
        this.runner = runner;
    }

    @Override
    public Optional<ApiResponse> handle(ApiRequest request) {
        boolean index = request.segments().isEmpty();
        boolean image = request.matches(List.of("images"), 1);
        boolean favicon = request.matches(List.of("favicon.ico"), 0);
        if (!index && !image && !favicon) {
            return Optional.empty();
        }
        if (!request.isRead()) {
            return Optional.of(ApiResponse.methodNotAllowed("GET"));
        }
        if (favicon) {
            return Optional.of(ApiResponse.text(200, "image/svg+xml", DashboardPages.FAVICON));
        }
        Optional<StatusView> view = status.get();
        if (view.isEmpty()) {
            return Optional.of(ApiResponse.html(503, DashboardPages.message("First sync not finished",
                    "Image Factory is still running its first sync; this page fills in when it is done."
                            + runner.lastError().map(e -> " Last error: " + e).orElse("")))
                    .withHeader("Retry-After", "10"));
        }
        DashboardPages.Context context = new DashboardPages.Context(runner.health(), view.get().takenAt());
        if (index) {
            ImageQuery query;
            try {
                query = ImageQuery.parse(request::queryParameter, ImageQuery.DASHBOARD_ROWS);
            } catch (IllegalArgumentException e) {
                return Optional.of(ApiResponse.html(400, DashboardPages.message("Bad query", e.getMessage())));
            }
            return Optional.of(ApiResponse.html(200, DashboardPages.index(view.get(), query, context)));
        }
        String name = request.segment(1);
        return Optional.of(view.get().detail(name)
                .map(detail -> ApiResponse.html(200, DashboardPages.image(detail, view.get().rows(), context)))
                .orElseGet(() -> ApiResponse.html(404, DashboardPages.message("No such image",
                        "No tracked image is called " + ApiReadRoutes.quote(name) + "."))));
    }
}
