package io.jenkins.plugins.imagefactory.registry;

import java.time.Duration;

/** Waits between retries; injectable so retry tests don't really sleep. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    static Sleeper system() {
        return duration -> Thread.sleep(duration.toMillis());
    }
}
