package io.jenkins.plugins.imagefactory.jenkins;

import hudson.Extension;
import hudson.model.AsyncPeriodicWork;
import hudson.model.TaskListener;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The periodic reconcile. Jenkins reads a periodic work's period once at start-up, so this runs
 * every minute and asks for a cycle only when the configured interval has passed: a changed
 * interval takes effect without a restart. It only asks; the cycle runs on the runner's thread.
 */
@Extension
public final class ImageFactorySyncWork extends AsyncPeriodicWork {

    private volatile Instant lastRequested = Instant.EPOCH;

    public ImageFactorySyncWork() {
        super("Image Factory sync");
    }

    @Override
    public long getRecurrencePeriod() {
        return MIN;
    }

    @Override
    public long getInitialDelay() {
        // first cycle soon after start-up, so the dashboard has data; not at once, while plugins load
        return 15 * 1000L;
    }

    @Override
    protected void execute(TaskListener listener) {
        ImageFactoryConfiguration configuration = ImageFactoryConfiguration.get();
        if (!configuration.isConfigured()) {
            return;
        }
        Instant now = Instant.now();
        // an invalid interval (shown as a settings problem) never means "never"
        Duration interval = Duration.ofMinutes(Math.max(1, configuration.getSyncIntervalMinutes()));
        if (Duration.between(lastRequested, now).compareTo(interval) < 0) {
            return;
        }
        lastRequested = now;
        ImageFactoryService.get().requestSync(Map.of(), "schedule");
        listener.getLogger().println("Image Factory: sync requested");
    }
}
