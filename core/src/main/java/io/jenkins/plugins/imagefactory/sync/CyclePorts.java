package io.jenkins.plugins.imagefactory.sync;

import io.jenkins.plugins.imagefactory.config.ImageFactoryConfig;
import io.jenkins.plugins.imagefactory.rebuild.RebuildCoordinator;

/**
 * The engine's outside world for one cycle, built from that cycle's config (registries, build
 * systems and credentials references live in the config repo, so they can change between cycles).
 */
public interface CyclePorts {

    Discoverer discoverer(ImageFactoryConfig config);

    DigestChecker checker(ImageFactoryConfig config);

    RebuildCoordinator rebuilds(ImageFactoryConfig config);

    /**
     * Credentials references the config names that this host cannot resolve: one line each, with
     * where it is used and how to define it here. Empty when every reference resolves (or the ports
     * need none).
     */
    default java.util.List<String> missingCredentials(ImageFactoryConfig config) {
        return java.util.List.of();
    }

    /** The same ports whatever the config: for tests and fixed setups. */
    static CyclePorts fixed(Discoverer discoverer, DigestChecker checker, RebuildCoordinator rebuilds) {
        return new CyclePorts() {
            @Override
            public Discoverer discoverer(ImageFactoryConfig config) {
                return discoverer;
            }

            @Override
            public DigestChecker checker(ImageFactoryConfig config) {
                return checker;
            }

            @Override
            public RebuildCoordinator rebuilds(ImageFactoryConfig config) {
                return rebuilds;
            }
        };
    }
}
