package io.jenkins.plugins.imagefactory.jenkins;

import io.jenkins.plugins.imagefactory.webhook.ConfigRepoPushWebhook;
import hudson.Extension;
import hudson.model.UnprotectedRootAction;
import io.jenkins.plugins.imagefactory.api.ApiResponse;
import io.jenkins.plugins.imagefactory.secret.Secret;
import io.jenkins.plugins.imagefactory.webhook.PushAnswer;
import io.jenkins.plugins.imagefactory.webhook.WebhookEndpoint;
import io.jenkins.plugins.imagefactory.webhook.WebhookReceiver;
import io.jenkins.plugins.imagefactory.webhook.WebhookRequest;
import io.jenkins.plugins.imagefactory.webhook.WebhookResult;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code POST /image-factory-webhook/registry/{kind}} and {@code POST /image-factory-webhook/git}:
 * the same routes and rules as {@code serve}'s {@code /webhook/...}. Open to anonymous senders (they
 * authenticate with the webhook's secret, which the core checks); an accepted delivery only asks
 * for a cycle.
 */
@Extension
public final class ImageFactoryWebhook implements UnprotectedRootAction {

    public static final String URL_NAME = "image-factory-webhook";
    private static final Logger LOG = Logger.getLogger(ImageFactoryWebhook.class.getName());

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return null;
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    /** {@code /registry/{kind}}: Stapler leaves {@code /{kind}} as the rest of the path. */
    @POST
    public HttpResponse doRegistry(StaplerRequest2 req) throws IOException {
        String kind = req.getRestOfPath().replaceAll("^/+|/+$", "");
        if (kind.isEmpty() || kind.contains("/")) {
            return JsonResponse.error(404, "use POST /" + URL_NAME + "/registry/{kind} with kind distribution, ghcr, "
                    + "dockerhub or harbor");
        }
        ImageFactoryService service = ImageFactoryService.get();
        if (!service.isConfigured()) {
            return JsonResponse.error(503, "Image Factory has no config repo configured on this controller");
        }
        WebhookReceiver receiver = receiver(ImageFactoryConfiguration.get().values());
        byte[] body = readBody(req, receiver.maxBodyBytes());
        WebhookResult result = receiver.receive(new WebhookRequest(kind, headers(req), body,
                WebhookRequest.parseQueryString(req.getQueryString())));
        PushAnswer answer = PushAnswer.of(result, service::isWatched);
        if (!answer.hints().isEmpty()) {
            service.requestSync(answer.hints(), "webhook:" + kind);
        }
        return new JsonResponse(ApiResponse.json(answer.status(), answer.body()));
    }

    /** {@code /git}: the config repo's GitHub push webhook. */
    @POST
    public HttpResponse doGit(StaplerRequest2 req) throws IOException {
        ImageFactoryConfiguration.Values settings = ImageFactoryConfiguration.get().values();
        String credentialsId = settings.gitWebhookCredentialsId();
        Optional<Secret> secret = credentialsId == null ? Optional.empty()
                : CredentialsSecretResolver.chosen().resolve(credentialsId).filter(s -> !s.value().isEmpty());
        if (secret.isEmpty()) {
            return JsonResponse.error(404, "no config repo push webhook is configured here (set its secret text "
                    + "credentials under Manage Jenkins > System > Image Factory)");
        }
        byte[] body = readBody(req, WebhookReceiver.DEFAULT_MAX_BODY_BYTES);
        ConfigRepoPushWebhook.Verdict verdict = new ConfigRepoPushWebhook(secret.get(), settings.branch()).judge(
                req.getHeader("X-GitHub-Event"), req.getHeader(io.jenkins.plugins.imagefactory.webhook.HmacSignatures.GITHUB_HEADER),
                body, WebhookReceiver.DEFAULT_MAX_BODY_BYTES);
        switch (verdict.outcome()) {
            case SYNC -> {
                if (!ImageFactoryService.get().requestSync(Map.of(), "git-push")) {
                    return JsonResponse.error(503, "Image Factory has no config repo configured on this controller");
                }
                return JsonResponse.of(verdict.status(), "message", verdict.message());
            }
            case IGNORED -> {
                return JsonResponse.of(verdict.status(), "ignored", verdict.message());
            }
            default -> {
                return JsonResponse.error(verdict.status(), verdict.message());
            }
        }
    }

    /** Endpoints whose secrets resolve; a misconfigured entry is logged and left out, so the others still work. */
    static WebhookReceiver receiver(ImageFactoryConfiguration.Values settings) {
        CredentialsSecretResolver secrets = CredentialsSecretResolver.chosen();
        List<WebhookEndpoint> endpoints = new ArrayList<>();
        for (RegistryWebhook webhook : settings.registryWebhooks()) {
            try {
                Optional<WebhookEndpoint> endpoint = webhook.endpoint(secrets);
                if (endpoint.isPresent()) {
                    endpoints.add(endpoint.get());
                } else {
                    LOG.warning(() -> "Image Factory " + webhook.getKind() + " webhook: credentials \""
                            + webhook.getCredentialsId() + "\" not found or not secret text; the endpoint is off");
                }
            } catch (IllegalArgumentException e) {
                LOG.warning(() -> "Image Factory " + webhook.getKind() + " webhook is off: " + e.getMessage());
            }
        }
        // two entries of one kind: the first wins, as the receiver allows one endpoint per kind
        Map<Object, WebhookEndpoint> byKind = new LinkedHashMap<>();
        endpoints.forEach(e -> byKind.putIfAbsent(e.kind(), e));
        return new WebhookReceiver(List.copyOf(byKind.values()), WebhookReceiver.DEFAULT_MAX_BODY_BYTES);
    }

    /** The raw bytes (signatures cover them), read up to one byte over the cap so an oversized body is seen as such. */
    private static byte[] readBody(StaplerRequest2 req, int maxBodyBytes) throws IOException {
        try (InputStream in = req.getInputStream()) {
            return in.readNBytes(maxBodyBytes + 1);
        }
    }

    private static Map<String, List<String>> headers(StaplerRequest2 req) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(req.getHeaderNames())) {
            headers.put(name, Collections.list(req.getHeaders(name)));
        }
        return headers;
    }
}
