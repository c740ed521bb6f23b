package io.jenkins.plugins.imagefactory.registry;

import java.time.Duration;

/** Waits between retries; injectable so tests of backoff do not really sleep. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    static Sleeper real() {
        return duration -> Thread.sleep(duration.toMillis());
    }
}
