package io.jenkins.plugins.imagefactory.cli.serve;

import io.jenkins.plugins.imagefactory.api.ApiRequest;
import io.jenkins.plugins.imagefactory.api.ApiResponse;
import io.jenkins.plugins.imagefactory.api.ApiRoute;
import io.jenkins.plugins.imagefactory.webhook.ConfigRepoPushWebhook;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.sync.SyncRunner;
import io.jenkins.plugins.imagefactory.webhook.HmacSignatures;
import io.jenkins.plugins.imagefactory.webhook.PushAnswer;
import io.jenkins.plugins.imagefactory.webhook.WebhookReceiver;
import io.jenkins.plugins.imagefactory.webhook.WebhookRequest;
import io.jenkins.plugins.imagefactory.webhook.WebhookResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code POST /webhook/registry/{kind}} (registry pushes, judged by the core receiver) and
 * {@code POST /webhook/git} (the config repo's push webhook). Accepted deliveries only ask the
 * runner for a cycle; the runner merges requests that arrive during a cycle, so none is lost.
 */
final class WebhookRoutes implements ApiRoute {

    private static final List<String> REGISTRY = List.of("webhook", "registry");
    private static final List<String> GIT = List.of("webhook", "git");

    private final WebhookReceiver receiver;
    private final Optional<ConfigRepoPushWebhook> git;
    private final SyncRunner runner;
    private final ServeMetrics metrics;
    private final Predicate<ImageReference> watched;

    /** @param watched whether a reference is tracked (everything, before the first cycle) */
    WebhookRoutes(WebhookReceiver receiver, Optional<ConfigRepoPushWebhook> git, SyncRunner runner, ServeMetrics metrics,
                  Predicate<ImageReference> watched) {
        this.receiver = receiver;
        this.git = git;
        this.runner = runner;
        this.metrics = metrics;
        this.watched = watched;
    }

    @Override
    public Optional<ApiResponse> handle(ApiRequest request) {
        if (request.matches(REGISTRY, 1)) {
            return Optional.of("POST".equals(request.method()) ? registry(request) : ApiResponse.methodNotAllowed("POST"));
        }
        if (request.matches(GIT, 0)) {
            return Optional.of("POST".equals(request.method()) ? git(request) : ApiResponse.methodNotAllowed("POST"));
        }
        return Optional.empty();
    }

    private ApiResponse registry(ApiRequest request) {
        String kind = request.segment(2);
        WebhookResult result = receiver.receive(new WebhookRequest(kind, request.headers(), request.body(), request.query()));
        PushAnswer answer = PushAnswer.of(result, watched);
        if (!answer.hints().isEmpty()) {
            runner.request(answer.hints(), "webhook:" + kind);
        }
        metrics.webhook(kind, result instanceof WebhookResult.Rejected ? "rejected"
                : answer.hints().isEmpty() ? "ignored" : "accepted");
        return ApiResponse.json(answer.status(), answer.body());
    }

    private ApiResponse git(ApiRequest request) {
        if (git.isEmpty()) {
            metrics.webhook(ServeMetrics.GIT_KIND, "rejected");
            return ApiResponse.error(404, "no config repo push webhook is configured here (start serve with --git-webhook-secret)");
        }
        ConfigRepoPushWebhook.Verdict verdict = git.get().judge(request.header("X-GitHub-Event").orElse(null),
                request.header(HmacSignatures.GITHUB_HEADER).orElse(null), request.body(), receiver.maxBodyBytes());
        switch (verdict.outcome()) {
            case SYNC -> {
                runner.request(Map.of(), "git-push");
                metrics.webhook(ServeMetrics.GIT_KIND, "accepted");
                return ApiResponse.json(verdict.status(), Map.of("message", verdict.message()));
            }
            case IGNORED -> {
                metrics.webhook(ServeMetrics.GIT_KIND, "ignored");
                return ApiResponse.json(verdict.status(), Map.of("ignored", verdict.message()));
            }
            default -> {
                metrics.webhook(ServeMetrics.GIT_KIND, "rejected");
                return ApiResponse.error(verdict.status(), verdict.message());
            }
        }
    }
}
