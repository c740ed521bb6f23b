package io.jenkins.plugins.imagefactory.cli.serve;

import io.jenkins.plugins.imagefactory.api.ApiRequest;
import io.jenkins.plugins.imagefactory.api.ApiResponse;
import io.jenkins.plugins.imagefactory.api.ApiRoute;
import io.jenkins.plugins.imagefactory.sync.RunnerHealth;
import io.jenkins.plugins.imagefactory.sync.SyncRunner;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code GET /healthz} and {@code GET /metrics}: for load balancers and Prometheus. */
final class OpsRoutes implements ApiRoute {

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
    public Optional<ApiResponse> handle(ApiRequest request) {
        if (request.matches(List.of("healthz"), 0)) {
            return Optional.of(request.isRead() ? health() : ApiResponse.methodNotAllowed("GET"));
        }
        if (request.matches(List.of("metrics"), 0)) {
            return Optional.of(request.isRead()
                    ? ApiResponse.text(200, ApiResponse.PROMETHEUS, metrics.render(runner, clock.instant()))
                    : ApiResponse.methodNotAllowed("GET"));
        }
        return Optional.empty();
    }

    private ApiResponse health() {
        var now = clock.instant();
        RunnerHealth health = runner.health();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", !RunnerHealth.OK.equals(health.status()) ? health.status()
                : status.get().isPresent() ? RunnerHealth.OK : RunnerHealth.STARTING);
        body.put("problems", health.problems());
        body.put("onLastGoodConfig", health.onLastGoodConfig());
        if (health.standby() != null) {
            body.put("standby", health.standby());
        }
        body.put("lastSyncAt", runner.lastFinished().orElse(null));
        body.put("lastSyncAgeSeconds", runner.lastFinished().map(at -> Math.max(0, Duration.between(at, now).toSeconds()))
                .orElse(null));
        body.put("lastError", runner.lastError().orElse(null));
        body.put("syncRunning", runner.isRunning());
        body.put("queueLength", runner.queueLength());
        return ApiResponse.json(200, body);
    }
}
