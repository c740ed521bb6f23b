package io.jenkins.plugins.imagefactory.cli;

import io.jenkins.plugins.imagefactory.config.GlobalSettings;
import io.jenkins.plugins.imagefactory.config.ImageFactoryConfig;
import io.jenkins.plugins.imagefactory.host.StandardPorts;
import io.jenkins.plugins.imagefactory.net.HttpClientFactory;
import io.jenkins.plugins.imagefactory.registry.RegistryClient;
import io.jenkins.plugins.imagefactory.registry.RegistryEndpoints;
import io.jenkins.plugins.imagefactory.secret.EnvironmentSecretResolver;
import io.jenkins.plugins.imagefactory.secret.SecretResolver;
import io.jenkins.plugins.imagefactory.trigger.BuildTrigger;
import io.jenkins.plugins.imagefactory.trigger.BuildTriggers;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** The standalone host's wiring: secrets from the environment, the standard ports, remote build systems. */
final class CliHost {

    private CliHost() {
    }

    static SecretResolver secrets() {
        return EnvironmentSecretResolver.fromSystem();
    }

    static StandardPorts ports(Path workDir) {
        return new StandardPorts(secrets(), workDir, RegistryEndpoints.standard(), CliHost::triggers, Clock.systemUTC());
    }

    /**
     * A registry client for commands that run without a config repo clone ({@code check},
     * {@code tags}): the given settings' registries, credentials from the environment, and only
     * the hosts their {@code egress.allow} lists.
     */
    static RegistryClient registryClient(GlobalSettings settings) {
        return RegistryClient.builder().registries(settings.registries()).secrets(secrets())
                .endpoints(RegistryEndpoints.standard()).http(HttpClientFactory.standard().withEgress(settings.egress())).build();
    }

    static Map<String, BuildTrigger> triggers(ImageFactoryConfig config) {
        return BuildTriggers.forConfig(config, secrets());
    }
}
