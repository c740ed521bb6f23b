package io.jenkins.plugins.imagefactory.webhook;

import java.util.Locale;
import java.util.Optional;

/** A webhook sender whose payload and authentication scheme the receiver understands. */
public enum WebhookKind {
    /** CNCF distribution registry {@code notifications} endpoint; {@code Authorization} header. */
    DISTRIBUTION("distribution"),
    /** GitHub {@code registry_package} / {@code package} events; HMAC-SHA256 signature. */
    GHCR("ghcr"),
    /** Docker Hub repository webhook; unsigned, so a secret token in the URL query. */
    DOCKERHUB("dockerhub"),
    /** Harbor project webhook, default payload format; {@code Authorization} header. */
    HARBOR("harbor");

    private final String pathSegment;

    WebhookKind(String pathSegment) {
        this.pathSegment = pathSegment;
    }

    /** The name used in URLs and config: {@code POST /webhook/registry/{pathSegment}}. */
    public String pathSegment() {
        return pathSegment;
    }

    /** The kind named by a URL path segment, case-insensitively; empty when there is none. */
    public static Optional<WebhookKind> fromPathSegment(String segment) {
        if (segment == null) {
            return Optional.empty();
        }
        String wanted = segment.toLowerCase(Locale.ROOT);
        for (WebhookKind kind : values()) {
            if (kind.pathSegment.equals(wanted)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return pathSegment;
    }
}
