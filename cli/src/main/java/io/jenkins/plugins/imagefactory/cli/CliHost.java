package io.jenkins.plugins.imagefactory.cli;

import io.jenkins.plugins.imagefactory.config.ImageFactoryConfig;
import io.jenkins.plugins.imagefactory.host.StandardPorts;
import io.jenkins.plugins.imagefactory.registry.RegistryEndpoints;
import io.jenkins.plugins.imagefactory.secret.EnvironmentSecretResolver;
import io.jenkins.plugins.imagefactory.secret.SecretResolver;
import io.jenkins.plugins.imagefactory.trigger.BuildTrigger;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;

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
        return Triggers.forConfig(config, secrets());
    }

    /** Build systems the standalone host can start. */
    static final class Triggers {
        private Triggers() {
        }

        static Map<String, BuildTrigger> forConfig(ImageFactoryConfig config, SecretResolver secrets) {
            return Map.of();
        }
    }

    static Function<ImageFactoryConfig, Map<String, BuildTrigger>> triggerFactory() {
        return CliHost::triggers;
    }
}
