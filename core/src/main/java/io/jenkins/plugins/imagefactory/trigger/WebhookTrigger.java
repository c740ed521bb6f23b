package io.jenkins.plugins.imagefactory.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagefactory.config.BuildSpec;
import io.jenkins.plugins.imagefactory.net.EgressRefusedException;
import io.jenkins.plugins.imagefactory.net.HttpClientFactory;
import io.jenkins.plugins.imagefactory.net.OutboundClient;
import io.jenkins.plugins.imagefactory.retry.IoFailures;
import io.jenkins.plugins.imagefactory.retry.RetryPolicy;
import io.jenkins.plugins.imagefactory.secret.Secret;
import io.jenkins.plugins.imagefactory.secret.SecretResolver;
import io.jenkins.plugins.imagefactory.state.StateMapper;
import io.jenkins.plugins.imagefactory.webhook.HmacSignatures;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code build.webhook}: POSTs the rebuild context as JSON, signed with HMAC-SHA256 in
 * {@code X-Image-Factory-Signature-256} when a secret is configured. The builder reports the result
 * later ({@code image-factory record-build}, the server API, or by pushing the new image).
 */
public final class WebhookTrigger implements BuildTrigger {

    public static final String KEY_HEADER = "X-Image-Factory-Key";

    private final SecretResolver secrets;
    private final OutboundClient http;
    private final RetryPolicy retry;
    private final Duration timeout;

    public WebhookTrigger(SecretResolver secrets, RetryPolicy retry, Duration timeout) {
        this(secrets, retry, timeout, HttpClientFactory.standard());
    }

    public WebhookTrigger(SecretResolver secrets, RetryPolicy retry, Duration timeout, HttpClientFactory clients) {
        this.secrets = secrets;
        this.retry = retry;
        this.timeout = timeout;
        this.http = clients.client(timeout);
    }

    public static WebhookTrigger standard(SecretResolver secrets) {
        return standard(secrets, HttpClientFactory.standard());
    }

    public static WebhookTrigger standard(SecretResolver secrets, HttpClientFactory clients) {
        return new WebhookTrigger(secrets, RetryPolicy.standard(), Duration.ofSeconds(30), clients);
    }

    @Override
    public String kind() {
        return BuildSpec.Webhook.KIND;
    }

    @Override
    public RunStatus dispatch(RebuildContext context) throws TriggerException {
        BuildSpec.Webhook spec = (BuildSpec.Webhook) context.build();
        byte[] body = context.toJson().getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(spec.url())).timeout(timeout)
                .header("Content-Type", "application/json").header("User-Agent", "image-factory")
                .header(KEY_HEADER, context.key()).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (spec.secret() != null) {
            Secret secret = secrets.resolve(spec.secret(), URI.create(spec.url())).orElseThrow(() -> new TriggerException("webhook secret reference \""
                    + spec.secret() + "\" of " + context.image() + " is not known to this host", false));
            request.header(HmacSignatures.IMAGE_FACTORY_HEADER, HmacSignatures.sign(secret, body));
        }
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return fromBody(response.body());
                }
                if (!HttpFailures.isTransient(status) || attempt >= retry.maxAttempts()) {
                    throw new TriggerException("webhook " + host(spec.url()) + " answered " + status + ": "
                            + HttpFailures.excerpt(response.body()), HttpFailures.isTransient(status));
                }
            } catch (EgressRefusedException e) {
                throw new TriggerException("webhook " + host(spec.url()) + " not called: " + e.getMessage(), false, e);
            } catch (IOException e) {
                if (attempt >= retry.maxAttempts()) {
                    throw new TriggerException("webhook " + host(spec.url()) + " unreachable: " + IoFailures.describe(e), true, e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TriggerException("interrupted while calling webhook " + host(spec.url()), true, e);
            }
            pause(attempt + 1);
        }
    }

    /** A builder may answer with {@code {"id": "...", "url": "..."}} to name its run. */
    private static RunStatus fromBody(String body) {
        try {
            JsonNode json = body == null || body.isBlank() ? null : StateMapper.json().readTree(body);
            if (json != null && json.isObject()) {
                return new RunStatus(RunStatus.State.UNKNOWN, text(json, "id"), text(json, "url"), null, null, null);
            }
        } catch (IOException notJson) {
            // a builder owes us no body
        }
        return RunStatus.dispatched(null);
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    @Override
    public Optional<RunStatus> find(RebuildContext context) {
        // A webhook builder cannot be asked; an intent without outcome is dispatched again with the
        // same key in X-Image-Factory-Key, which lets the builder drop the duplicate.
        return Optional.empty();
    }

    @Override
    public RunStatus poll(RebuildContext context, RunStatus known) {
        return known;
    }

    private void pause(int attempt) throws TriggerException {
        try {
            retry.pauseBefore(attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TriggerException("interrupted while waiting to retry", true, e);
        }
    }

    private static String host(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + uri.getPath();
    }
}
