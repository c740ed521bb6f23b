package io.jenkins.plugins.imagefactory.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagefactory.webhook.WebhookResult.Rejected;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * GitHub's {@code registry_package} and {@code package} events for container packages on
 * {@code ghcr.io}: {@code {"action":"published","registry_package":{"name","namespace",
 * "package_type":"CONTAINER","owner":{"login"},"package_version":{"name":"sha256:…",
 * "container_metadata":{"tag":{"name","digest"}}}},"sender":{"login"}}}; {@code package} events
 * carry the same object under {@code "package"}.
 */
final class GhcrPayloadReader implements PayloadReader {

    static final String EVENT_HEADER = "X-GitHub-Event";
    private static final Set<String> PACKAGE_EVENTS = Set.of("registry_package", "package");
    private static final Set<String> PUSH_ACTIONS = Set.of("published", "updated");
    /** GitHub fills unknown version times with year 1; anything before this is such a placeholder. */
    private static final Instant PLACEHOLDER_BEFORE = Instant.parse("2000-01-01T00:00:00Z");

    @Override
    public Optional<Rejected> authenticate(WebhookRequest request, WebhookEndpoint endpoint) {
        return Authentication.githubSignature(request, endpoint);
    }

    @Override
    public WebhookResult read(WebhookRequest request, WebhookEndpoint endpoint) throws PayloadException {
        List<String> events = request.header(EVENT_HEADER);
        if (events.size() != 1 || events.get(0).isEmpty()) {
            throw new PayloadException(events.isEmpty()
                    ? "missing " + EVENT_HEADER + " header" : events.size() + " " + EVENT_HEADER + " headers; expected one");
        }
        String event = events.get(0);
        if (event.equals("ping")) {
            return new WebhookResult.Ignored("GitHub ping: the webhook is reachable and its secret matches");
        }
        if (!PACKAGE_EVENTS.contains(event)) {
            return new WebhookResult.Ignored("GitHub event " + Untrusted.quote(event)
                    + " is not a package event; subscribe the webhook to \"Packages\" only");
        }
        JsonNode root = JsonPayload.parseObject(request.bodyBytes());
        String action = JsonPayload.requireText(root, "", "action");
        if (!PUSH_ACTIONS.contains(action)) {
            return new WebhookResult.Ignored("GitHub " + event + " action " + Untrusted.quote(action)
                    + " is not a publish");
        }
        String packagePath = "/" + event;
        JsonNode pkg = JsonPayload.requireObject(root, "", event);
        String packageType = JsonPayload.requireText(pkg, packagePath, "package_type");
        if (!packageType.equalsIgnoreCase("container")) {
            return new WebhookResult.Ignored("package type " + Untrusted.quote(packageType) + " is not a container");
        }
        String name = JsonPayload.requireText(pkg, packagePath, "name");
        Optional<String> namespace = JsonPayload.optionalText(pkg, packagePath, "namespace");
        if (namespace.isEmpty()) {
            JsonNode owner = JsonPayload.requireObject(pkg, packagePath, "owner");
            namespace = Optional.of(JsonPayload.requireText(owner, packagePath + "/owner", "login"));
        }
        String versionPath = packagePath + "/package_version";
        JsonNode version = JsonPayload.requireObject(pkg, packagePath, "package_version");
        Optional<String> tag = Optional.empty();
        Optional<String> digest = Optional.empty();
        Optional<JsonNode> metadata = JsonPayload.optionalObject(version, versionPath, "container_metadata");
        if (metadata.isPresent()) {
            Optional<JsonNode> tagNode = JsonPayload.optionalObject(metadata.get(), versionPath + "/container_metadata", "tag");
            if (tagNode.isPresent()) {
                String tagPath = versionPath + "/container_metadata/tag";
                tag = JsonPayload.optionalText(tagNode.get(), tagPath, "name");
                digest = JsonPayload.optionalText(tagNode.get(), tagPath, "digest");
            }
        }
        if (digest.isEmpty()) {
            // For containers the version's name is its manifest digest.
            digest = JsonPayload.optionalText(version, versionPath, "name");
        }
        if (tag.isEmpty()) {
            return new WebhookResult.Ignored("container version " + digest.map(Untrusted::quote).orElse("")
                    + " was published without a tag");
        }
        // ghcr.io names are lower-case even when the owner's login is not.
        String repository = (namespace.get() + "/" + name).toLowerCase(Locale.ROOT);
        Instant pushedAt = pushTime(version, versionPath).orElse(null);
        String actor = JsonPayload.optionalObject(root, "", "sender").isPresent()
                ? JsonPayload.optionalText(root.get("sender"), "/sender", "login").orElse(null)
                : null;
        return new WebhookResult.Accepted(List.of(new PushHint(
                HintReferences.of(versionPath, endpoint.registryHost(), repository, tag.get(), digest.orElse(null)),
                WebhookKind.GHCR, pushedAt, actor)));
    }

    private static Optional<Instant> pushTime(JsonNode version, String path) throws PayloadException {
        for (String field : List.of("updated_at", "created_at")) {
            Optional<Instant> at = JsonPayload.optionalTimestamp(version, path, field);
            if (at.isPresent() && at.get().isAfter(PLACEHOLDER_BEFORE)) {
                return at;
            }
        }
        return Optional.empty();
    }

}
