package io.jenkins.plugins.imagefactory.cli.serve;


import io.jenkins.plugins.imagefactory.status.StatusView;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The status view every page and API call reads. Replaced whole after each cycle, so a request
 * sees one consistent picture, never half of one cycle and half of the next.
 */
final class CurrentStatus {

    private final AtomicReference<StatusView> view = new AtomicReference<>();

    /** Empty until the first cycle has finished. */
    Optional<StatusView> get() {
        return Optional.ofNullable(view.get());
    }

    void set(StatusView next) {
        view.set(next);
    }
}
