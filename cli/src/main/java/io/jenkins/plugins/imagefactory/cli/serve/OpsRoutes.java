package io.jenkins.plugins.imagefactory.cli.serve;

import io.jenkins.plugins.imagefactory.sync.SyncRunner;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code GET /healthz} and {@code GET /metrics}: for load balancers and Prometheus. */
final class OpsRoutes implements Route {

    private final SyncRunner runner;
    private final ServeMetrics metrics;
    private final CurrentStatus status;
    private final Clock clock;

    OpsRoutes(SyncRunner runner, ServeMetrics metrics, CurrentStatus status, Clock clock) {
        this.runner = runner;
        this.metrics = metrics;
        this.status = status;
        this.clock = clock;
    }

    @Override
    public Optional<Response> handle(Request request) {
        if (request.matches(List.of("healthz"), 0)) {
            return Optional.of(isRead(request) ? health() : Response.methodNotAllowed("GET"));
        }
        if (request.matches(List.of("metrics"), 0)) {
            return Optional.of(isRead(request)
                    ? Response.text(200, Response.PROMETHEUS, metrics.render(runner, clock.instant()))
                    : Response.methodNotAllowed("GET"));
        }
        return Optional.empty();
    }

    private Response health() {
        var now = clock.instant();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", runner.lastError().isPresent() ? "failing" : status.get().isPresent() ? "ok" : "starting");
        body.put("lastSyncAt", runner.lastFinished().orElse(null));
        body.put("lastSyncAgeSeconds", runner.lastFinished().map(at -> Math.max(0, Duration.between(at, now).toSeconds()))
                .orElse(null));
        body.put("lastError", runner.lastError().orElse(null));
        body.put("syncRunning", runner.isRunning());
        body.put("queueLength", runner.queueLength());
        return Response.json(200, body);
    }

    static boolean isRead(Request request) {
        return "GET".equals(request.method()) || "HEAD".equals(request.method());
    }
}
