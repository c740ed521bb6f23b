package io.jenkins.plugins.imagefactory.cli;

import io.jenkins.plugins.imagefactory.config.ImageFactoryConfig;
import io.jenkins.plugins.imagefactory.host.StandardPorts;
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

    static Map<String, BuildTrigger> triggers(ImageFactoryConfig config) {
        return BuildTriggers.forConfig(config, secrets());
    }
}
