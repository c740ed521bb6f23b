package io.jenkins.plugins.imagefactory.trigger;

import io.jenkins.plugins.imagefactory.config.BuildSpec;
import io.jenkins.plugins.imagefactory.config.GlobalSettings;
import io.jenkins.plugins.imagefactory.config.ImageFactoryConfig;
import io.jenkins.plugins.imagefactory.net.HttpClientFactory;
import io.jenkins.plugins.imagefactory.retry.RetryPolicy;
import io.jenkins.plugins.imagefactory.secret.Secret;
import io.jenkins.plugins.imagefactory.secret.SecretResolver;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The build systems a config names, with this host's credentials. */
public final class BuildTriggers {

    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private BuildTriggers() {
    }

    /**
     * Triggers by {@code build:} kind: webhook always, GitHub Actions when a token is configured, a
     * remote Jenkins when {@code buildSystems.jenkins} names one with credentials.
     */
    public static Map<String, BuildTrigger> forConfig(ImageFactoryConfig config, SecretResolver secrets) {
        return forConfig(config, secrets, HttpClientFactory.standard());
    }

    /** The same, with the host's HTTP clients (its proxy settings). */
    public static Map<String, BuildTrigger> forConfig(ImageFactoryConfig config, SecretResolver secrets,
                                                      HttpClientFactory hostClients) {
        HttpClientFactory clients = hostClients.withEgress(config.settings().egress());
        Map<String, BuildTrigger> out = new HashMap<>();
        WebhookTrigger webhook = WebhookTrigger.standard(secrets, clients);
        out.put(webhook.kind(), webhook);
        gitHubClient(config.settings(), secrets, clients).ifPresent(client -> {
            GitHubActionsTrigger trigger = new GitHubActionsTrigger(client);
            out.put(trigger.kind(), trigger);
        });
        config.settings().remoteJenkins().ifPresent(jenkins -> {
            Optional<Secret> user = jenkins.credentials() == null ? Optional.empty() : secrets.resolve(jenkins.credentials(), URI.create(jenkins.url()));
            user.ifPresent(credentials -> out.put(BuildSpec.Jenkins.KIND,
                    new RemoteJenkinsTrigger(jenkins.url(), credentials, RetryPolicy.standard(), TIMEOUT, clients)));
        });
        return out;
    }

    /** A GitHub client when {@code buildSystems.github.credentials} resolves on this host. */
    public static Optional<GitHubActionsClient> gitHubClient(GlobalSettings settings, SecretResolver secrets) {
        return gitHubClient(settings, secrets, HttpClientFactory.standard());
    }

    public static Optional<GitHubActionsClient> gitHubClient(GlobalSettings settings, SecretResolver secrets,
                                                             HttpClientFactory hostClients) {
        HttpClientFactory clients = hostClients.withEgress(settings.egress());
        return settings.gitHub().flatMap(github -> {
            Optional<Secret> token = github.credentials() == null ? Optional.empty() : secrets.resolve(github.credentials(), URI.create(github.apiUrl()));
            return token.map(t -> new GitHubActionsClient(github.apiUrl(), t, RetryPolicy.standard(), TIMEOUT, clients));
        });
    }
}
