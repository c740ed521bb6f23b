package io.jenkins.plugins.imagefactory.api;

import io.jenkins.plugins.imagefactory.git.GitStoreException;
import io.jenkins.plugins.imagefactory.git.PublishResult;
import io.jenkins.plugins.imagefactory.rebuild.BuildReport;
import io.jenkins.plugins.imagefactory.status.StatusView;
import io.jenkins.plugins.imagefactory.sync.ManualActions;
import java.util.Optional;

/**
 * What the JSON API needs from the host that runs the engine ({@code serve} or the Jenkins
 * plugin): the current status view, and the two things a request may ask of the engine.
 */
public interface ApiEngine {

    /** The view every answer reads, replaced whole after each cycle; empty until the first one finished. */
    Optional<StatusView> status();

    /** Why the last sync cycle failed, if it did. */
    Optional<String> lastError();

    /** Asks for a sync cycle soon; {@code why} names the requester in the logs. */
    void requestSync(String why);

    /**
     * Records a rebuild request in the config repo, one writer at a time.
     *
     * @throws io.jenkins.plugins.imagefactory.git.ReadOnlyConfigRepositoryException when the config repo is a plain directory
     * @throws IllegalArgumentException when the request is refused (e.g. urgent without a reason)
     */
    PublishResult requestRebuild(String enrollment, boolean urgent, String reason, String base, String actor)
            throws GitStoreException;

    /**
     * Records a build's result reported through the API ({@code POST …/builds/{key}}), one writer
     * at a time, as {@link io.jenkins.plugins.imagefactory.sync.ManualActions#recordBuild(String, BuildReport)} does.
     *
     * @throws UnsupportedOperationException on a host that takes results another way (the route then answers 404)
     * @throws IllegalArgumentException      the report is refused: no such build, not the current one, bad input
     */
    default ManualActions.ReportOutcome recordBuild(String enrollment, BuildReport report) throws GitStoreException {
        throw new UnsupportedOperationException("this host takes build results through its own build steps");
    }
}
