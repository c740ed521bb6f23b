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
