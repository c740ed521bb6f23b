package io.jenkins.plugins.imagefactory.cli.serve;

import io.jenkins.plugins.imagefactory.rebuild.RebuildCoordinator;
import io.jenkins.plugins.imagefactory.status.RunSource;
import io.jenkins.plugins.imagefactory.status.TagSource;
import io.jenkins.plugins.imagefactory.sync.DigestChecker;
import io.jenkins.plugins.imagefactory.sync.Discoverer;
import io.jenkins.plugins.imagefactory.sync.SyncEngine;
import io.jenkins.plugins.imagefactory.trigger.BuildTrigger;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link Host}: where the real Discoverer (Dockerfile reading over git), DigestChecker
 * (registry client), TagSource, RunSource and BuildTriggers are plugged in. Each seam below is one
 * method; until its implementation is plugged in it fails with {@link NotWiredException}, so
 * {@code serve} stops at startup with a message saying what is missing instead of running half a
 * service.
 */
public class ServeWiring implements Host {

    private static final Logger LOG = LoggerFactory.getLogger(ServeWiring.class);

    @Override
    public SyncEngine engine(Context context) {
        return new SyncEngine(context.repository(), discoverer(context), digestChecker(context),
                new RebuildCoordinator(kind -> buildTrigger(context, kind)), context.clock(),
                step -> LOG.info("sync: {}", step));
    }

    @Override
    public TagSource tags(Context context) {
        throw new NotWiredException("TagSource (registry tags for /api/v1/images/{name}/tags)");
    }

    @Override
    public RunSource runs(Context context) {
        throw new NotWiredException("RunSource (GitHub Actions runs for /api/v1/images/{name}/runs)");
    }

    /** Reads each enrollment's Dockerfile from its source repository. */
    protected Discoverer discoverer(Context context) {
        throw new NotWiredException("Discoverer (Dockerfile discovery over the source repositories)");
    }

    /** Asks registries for current digests, within each registry's rate budget. */
    protected DigestChecker digestChecker(Context context) {
        throw new NotWiredException("DigestChecker (registry digest checks)");
    }

    /** The trigger for a {@code build:} kind; empty makes that image's rebuilds fail with a clear message. */
    protected Optional<BuildTrigger> buildTrigger(Context context, String kind) {
        throw new NotWiredException("BuildTrigger for build kind \"" + kind + "\"");
    }

    /** A production piece that has not been plugged into {@link ServeWiring} yet. */
    public static final class NotWiredException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        public NotWiredException(String what) {
            super("image-factory serve is not wired yet: " + what + " has no production implementation plugged into "
                    + ServeWiring.class.getName());
        }
    }
}
