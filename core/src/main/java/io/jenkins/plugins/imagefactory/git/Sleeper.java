package io.jenkins.plugins.imagefactory.git;

import java.time.Duration;

/** Waits between retries; tests pass one that does not wait so backoff does not slow them. */
@FunctionalInterface
public interface Sleeper {

    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
