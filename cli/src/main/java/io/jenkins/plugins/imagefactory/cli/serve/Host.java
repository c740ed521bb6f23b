package io.jenkins.plugins.imagefactory.cli.serve;

import io.jenkins.plugins.imagefactory.git.ConfigRepository;
import io.jenkins.plugins.imagefactory.secret.SecretResolver;
import io.jenkins.plugins.imagefactory.status.RunSource;
import io.jenkins.plugins.imagefactory.status.TagSource;
import io.jenkins.plugins.imagefactory.sync.SyncEngine;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Builds what {@code serve} runs on: the sync engine with its discovery, digest checks and build
 * triggers, and the registry and build-system sources of the tags and runs APIs. Production uses
 * {@link ServeWiring}; tests pass engines over in-test discoverers and checkers.
 */
public interface Host {

    /** Called once at startup; the engine then runs every cycle. Throws when it cannot be built. */
    SyncEngine engine(Context context);

    TagSource tags(Context context);

    RunSource runs(Context context);

    /**
     * What the host knows at startup.
     *
     * @param repository the sync thread's config repo (refreshed once already)
     * @param workDir    where clones, mirrors and caches may live
     * @param secrets    resolves credentials references
     * @param clock      now
     */
    record Context(ConfigRepository repository, Path workDir, SecretResolver secrets, Clock clock) {
    }
}
