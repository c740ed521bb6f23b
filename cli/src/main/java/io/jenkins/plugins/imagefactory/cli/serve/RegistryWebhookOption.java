package io.jenkins.plugins.imagefactory.cli.serve;

import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.secret.Secret;
import io.jenkins.plugins.imagefactory.secret.SecretResolver;
import io.jenkins.plugins.imagefactory.webhook.WebhookEndpoint;
import io.jenkins.plugins.imagefactory.webhook.WebhookKind;
import java.util.Locale;
import java.util.Optional;

/**
 * One {@code --registry-webhook KIND=HOST[,SECRET_REF]} option, e.g.
 * {@code distribution=localhost:5000,REGISTRY_HOOK_TOKEN}. Without {@code SECRET_REF} the secret is
 * read from {@code IMAGE_FACTORY_WEBHOOK_<KIND>}. There is no unauthenticated endpoint.
 */
public final class RegistryWebhookOption {

    private RegistryWebhookOption() {
    }

    /** The default secret reference of a kind. */
    public static String defaultSecretReference(WebhookKind kind) {
        return "IMAGE_FACTORY_WEBHOOK_" + kind.pathSegment().toUpperCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException with what was wrong and what is expected
     */
    public static WebhookEndpoint parse(String option, SecretResolver secrets) {
        String usage = "--registry-webhook expects KIND=HOST[,SECRET_REF] (KIND: distribution, ghcr, dockerhub, harbor), got \""
                + option + "\"";
        int eq = option == null ? -1 : option.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException(usage);
        }
        WebhookKind kind = WebhookKind.fromPathSegment(option.substring(0, eq).trim())
                .orElseThrow(() -> new IllegalArgumentException(usage));
        String rest = option.substring(eq + 1);
        int comma = rest.indexOf(',');
        String host = (comma < 0 ? rest : rest.substring(0, comma)).trim();
        String reference = comma < 0 ? defaultSecretReference(kind) : rest.substring(comma + 1).trim();
        if (host.isEmpty() || reference.isEmpty()) {
            throw new IllegalArgumentException(usage);
        }
        Optional<Secret> secret = secrets.resolve(reference);
        if (secret.isEmpty() || secret.get().value().isEmpty()) {
            throw new IllegalArgumentException("the " + kind + " webhook's secret reference " + reference
                    + " is not set (environment variable " + reference + ", or " + reference + "_USERNAME + "
                    + reference + "_PASSWORD)");
        }
        return switch (kind) {
            case GHCR -> fixedHost(kind, host, WebhookEndpoint.GHCR_HOST, WebhookEndpoint.ghcr(secret.get()));
            case DOCKERHUB -> fixedHost(kind, host, ImageReference.DOCKER_HUB, WebhookEndpoint.dockerHub(secret.get()));
            default -> new WebhookEndpoint(kind, host, secret.get());
        };
    }

    private static WebhookEndpoint fixedHost(WebhookKind kind, String host, String expected, WebhookEndpoint endpoint) {
        String given = host.toLowerCase(Locale.ROOT);
        boolean dockerHubAlias = kind == WebhookKind.DOCKERHUB && (given.equals("index.docker.io") || given.equals("hub.docker.com"));
        if (!given.equals(expected) && !dockerHubAlias) {
            throw new IllegalArgumentException("the " + kind + " webhook is always about " + expected + ", got host \"" + host
                    + "\"; write " + kind + "=" + expected + "[,SECRET_REF]");
        }
        return endpoint;
    }
}
