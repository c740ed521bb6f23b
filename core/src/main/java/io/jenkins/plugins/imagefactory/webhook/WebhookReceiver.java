package io.jenkins.plugins.imagefactory.webhook;

import io.jenkins.plugins.imagefactory.webhook.WebhookResult.Rejected;
import io.jenkins.plugins.imagefactory.webhook.WebhookResult.Status;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one webhook delivery into a {@link WebhookResult}, for any host: the standalone server's
 * {@code POST /webhook/registry/{kind}} and the Jenkins root action call {@link #receive} alike.
 *
 * <p>Order of checks: the kind must be configured, the body must fit the size cap, the sender
 * must authenticate, and only then is the body parsed. {@link #receive} never throws: whatever a
 * sender posts ends as Accepted, Ignored or Rejected. Thread-safe and immutable.
 */
public final class WebhookReceiver {

    /** 1 MiB: real push payloads are a few KiB; GitHub caps its own deliveries at 25 MB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;

    private static final Logger LOG = LoggerFactory.getLogger(WebhookReceiver.class);

    private final Map<WebhookKind, WebhookEndpoint> endpoints;
    private final int maxBodyBytes;

    public WebhookReceiver(Collection<WebhookEndpoint> endpoints, int maxBodyBytes) {
        Objects.requireNonNull(endpoints, "endpoints");
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive, got " + maxBodyBytes);
        }
        Map<WebhookKind, WebhookEndpoint> byKind = new EnumMap<>(WebhookKind.class);
        for (WebhookEndpoint endpoint : endpoints) {
            Objects.requireNonNull(endpoint, "endpoint");
            if (byKind.putIfAbsent(endpoint.kind(), endpoint) != null) {
                throw new IllegalArgumentException("two " + endpoint.kind() + " webhook endpoints configured; "
                        + "a kind has one endpoint (one path) per receiver");
            }
        }
        this.endpoints = Map.copyOf(byKind);
        this.maxBodyBytes = maxBodyBytes;
    }

    public static WebhookReceiver of(WebhookEndpoint... endpoints) {
        return new WebhookReceiver(List.of(endpoints), DEFAULT_MAX_BODY_BYTES);
    }

    /** Hosts should stop reading a body beyond this many bytes and pass what they have: it is rejected anyway. */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** The endpoint configured for {@code kind}, if any. */
    public Optional<WebhookEndpoint> endpoint(WebhookKind kind) {
        return Optional.ofNullable(endpoints.get(kind));
    }

    public WebhookResult receive(WebhookRequest request) {
        if (request == null) {
            return new Rejected(Status.BAD_REQUEST, "no request");
        }
        WebhookResult result;
        try {
            result = receiveChecked(request);
        } catch (RuntimeException unexpected) {
            // A bug here must cost one delivery, not the host's request thread.
            LOG.warn("webhook {} failed unexpectedly; rejecting it", request, unexpected);
            result = new Rejected(Status.BAD_REQUEST, "the " + Untrusted.quote(request.kind())
                    + " webhook could not be processed: " + unexpected.getClass().getSimpleName());
        }
        log(request, result);
        return result;
    }

    private WebhookResult receiveChecked(WebhookRequest request) {
        Optional<WebhookKind> kind = WebhookKind.fromPathSegment(request.kind());
        if (kind.isEmpty()) {
            return new Rejected(Status.UNKNOWN_KIND, "unknown webhook kind " + Untrusted.quote(request.kind())
                    + "; expected one of distribution, ghcr, dockerhub, harbor");
        }
        WebhookEndpoint endpoint = endpoints.get(kind.get());
        if (endpoint == null) {
            return new Rejected(Status.UNKNOWN_KIND, "no " + kind.get() + " webhook is configured here");
        }
        if (request.bodyLength() > maxBodyBytes) {
            return new Rejected(Status.BAD_REQUEST, "body has " + request.bodyLength()
                    + " bytes; a " + kind.get() + " webhook body may have at most " + maxBodyBytes);
        }
        PayloadReader reader = PayloadReader.forKind(kind.get());
        Optional<Rejected> unauthentic = reader.authenticate(request, endpoint);
        if (unauthentic.isPresent()) {
            return unauthentic.get();
        }
        try {
            return reader.read(request, endpoint);
        } catch (PayloadException e) {
            return new Rejected(Status.BAD_REQUEST, Untrusted.message(kind.get() + " webhook: " + e.getMessage()));
        }
    }

    private static void log(WebhookRequest request, WebhookResult result) {
        if (result instanceof WebhookResult.Accepted accepted) {
            LOG.info("webhook {}: {} push hint(s) {}", request.kind(), accepted.hints().size(),
                    accepted.hints().stream().map(h -> h.reference().canonical()).toList());
        } else if (result instanceof WebhookResult.Ignored ignored) {
            LOG.debug("webhook {}: ignored: {}", request.kind(), ignored.reason());
        } else if (result instanceof Rejected rejected) {
            LOG.info("webhook {}: rejected {}: {}", Untrusted.quote(request.kind()), rejected.status(), rejected.message());
        }
    }
}
