package io.jenkins.plugins.imagefactory.cli.serve;

import io.jenkins.plugins.imagefactory.config.ConfigLoader;
import io.jenkins.plugins.imagefactory.config.ImageFactoryConfig;
import io.jenkins.plugins.imagefactory.host.HostServices;
import io.jenkins.plugins.imagefactory.host.StandardPorts;
import io.jenkins.plugins.imagefactory.registry.RegistryEndpoints;
import io.jenkins.plugins.imagefactory.status.RunSource;
import io.jenkins.plugins.imagefactory.status.TagSource;
import io.jenkins.plugins.imagefactory.sync.SyncEngine;
import io.jenkins.plugins.imagefactory.trigger.BuildTriggers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production wiring of {@code image-factory serve}: the same ports the CLI's {@code sync} uses,
 * the registries' tag APIs and GitHub's runs API. Tests subclass it to plug in stand-ins.
 */
public class ServeWiring implements Host {


    @Override
    public SyncEngine engine(Context context) {
        return new SyncEngine(context.repository(), ports(context), context.clock(), ServeWiring::progress);
    }

    @Override
    public TagSource tags(Context context) {
        return HostServices.tags(() -> config(context), ports(context));
    }

    @Override
    public RunSource runs(Context context) {
        return HostServices.runs(() -> config(context), context.secrets());
    }

    /**
     * The engine's narration: its commits belong to the story serve.log tells (one line each, with
     * the commit's title); its other steps repeat every cycle, so they are debug lines.
     */
    static void progress(String step) {
        // Looked up here, not when the class loads: serve sets its log levels after the wiring exists.
        Logger log = LoggerFactory.getLogger(ServeWiring.class);
        if (step.startsWith("committed ")) {
            log.info("commit {}", step.substring("committed ".length()));
        } else {
            log.debug("sync: {}", step);
        }
    }

    /** The standard ports: git sources, the config's registries, the config's build systems. */
    protected StandardPorts ports(Context context) {
        return new StandardPorts(context.secrets(), context.workDir(), RegistryEndpoints.standard(),
                config -> BuildTriggers.forConfig(config, context.secrets()), context.clock());
    }

    /** The config as the sync thread last checked it out. */
    private static ImageFactoryConfig config(Context context) {
        return ConfigLoader.load(context.repository().workTree()).orThrow();
    }
}
