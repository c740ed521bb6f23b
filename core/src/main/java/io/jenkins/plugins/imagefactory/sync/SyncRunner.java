package io.jenkins.plugins.imagefactory.sync;

import io.jenkins.plugins.imagefactory.config.ConfigError;
import io.jenkins.plugins.imagefactory.config.ImageFactoryConfig;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.state.DetectedBy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs sync cycles one at a time, whenever something asks: the periodic reconcile, a webhook, a
 * person, or the moment the next rebuild becomes due (a timer set to exactly that time, never
 * minute-by-minute polling). Requests that arrive during a cycle are merged into one follow-up
 * cycle, so nothing is lost and nothing overlaps. Hosts (the CLI server, the Jenkins plugin) own
 * one runner each.
 */
public final class SyncRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SyncRunner.class);
    /** The cycles' story, for operators; hosts log it at info. */
    private static final Logger STORY = LoggerFactory.getLogger(CycleLog.class);

    private final Supplier<SyncEngine> engines;
    private final java.util.List<java.util.function.Consumer<SyncResult>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final Object lock = new Object();
    private Map<ImageReference, DetectedBy> pendingHints = new HashMap<>();
    private boolean pending;
    private boolean pendingFull;
    private boolean running;
    private String pendingActor = "system";
    private ScheduledFuture<?> wakeUp;
    private final AtomicReference<SyncResult> lastResult = new AtomicReference<>();
    private final AtomicReference<SyncEngine> lastEngine = new AtomicReference<>();
    private final AtomicReference<Instant> lastFinished = new AtomicReference<>();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private final AtomicReference<ImageFactoryConfig> lastGoodConfig =
            new AtomicReference<>();
    private final AtomicReference<List<ConfigError>> configErrors =
            new AtomicReference<>(List.of());
    private final AtomicReference<List<String>> missingCredentials = new AtomicReference<>(List.of());
    private final AtomicLong cycles = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();

    /**
     * @param engines builds the engine for a cycle (hosts may rebuild it when their settings change)
     */
    public SyncRunner(Supplier<SyncEngine> engines, Clock clock) {
        this.engines = engines;
        this.clock = clock;
        java.util.concurrent.ScheduledThreadPoolExecutor pool = new java.util.concurrent.ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "image-factory-sync");
            thread.setDaemon(true);
            return thread;
        });
        // On close, finish the running cycle but never wait for a due-time wake-up days away.
        pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        pool.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        this.executor = pool;
    }

    /** Called on the sync thread after every finished cycle, while no other cycle can run. */
    public void onCycle(java.util.function.Consumer<SyncResult> listener) {
        listeners.add(listener);
    }

    /** Starts the periodic reconcile; the first cycle runs at once. */
    public void start(Duration interval) {
        executor.scheduleWithFixedDelay(() -> request(Map.of(), "schedule"), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Asks for a cycle soon; hinted references are checked first. Never blocks, never runs two at once. */
    public void request(Map<ImageReference, DetectedBy> hints, String actor) {
        requests.incrementAndGet();
        synchronized (lock) {
            hints.forEach(pendingHints::putIfAbsent);
            pendingActor = actor;
            // Registry push hints alone get a quick cycle; anything else (schedule, git push, due time) a full one.
            pendingFull |= hints.isEmpty();
            if (pending) {
                return;
            }
            pending = true;
        }
        executor.execute(this::runPending);
    }

    private void runPending() {
        Map<ImageReference, DetectedBy> hints;
        String actor;
        boolean full;
        synchronized (lock) {
            if (!pending) {
                return;
            }
            pending = false;
            running = true;
            hints = pendingHints;
            pendingHints = new HashMap<>();
            actor = pendingActor;
            full = pendingFull;
            pendingFull = false;
        }
        long started = System.nanoTime();
        try {
            SyncEngine engine = engines.get();
            lastEngine.set(engine);
            SyncResult result = engine.sync(new SyncOptions(false, hints, actor, !full && !hints.isEmpty(),
                    lastGoodConfig.get()));
            lastResult.set(result);
            lastError.set(null);
            cycles.incrementAndGet();
            observe(result, actor, Duration.ofNanos(System.nanoTime() - started));
            if (result instanceof SyncResult.Completed completed) {
                scheduleWakeUp(completed.plan().nextWakeUp());
            }
            for (var listener : listeners) {
                try {
                    listener.accept(result);
                } catch (RuntimeException e) {
                    // a host's view of the cycle failed, not the cycle: it committed and dispatched
                    LOG.warn("could not show the sync cycle's result: {}", e.getMessage(), e);
                }
            }
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            lastError.set(e.getMessage());
            LOG.warn("Sync cycle failed: {}", e.getMessage(), e);
        } catch (Error e) {
            // A StackOverflowError from a pathological input, a LinkageError from a host's classpath:
            // the cycle is lost, but the host must say so rather than look like it is still starting.
            failures.incrementAndGet();
            lastError.set(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            LOG.error("Sync cycle failed with {}", lastError.get(), e);
        } finally {
            lastFinished.set(clock.instant());
            synchronized (lock) {
                running = false;
            }
        }
    }

    /** Keeps what the next cycles and the health check need, and tells the cycle's story. */
    private void observe(SyncResult result, String trigger, Duration took) {
        List<ConfigError> errors;
        if (result instanceof SyncResult.NotWriter standby) {
            // the config was checked before the lease was asked for: a standby reports it as the writer would
            errors = standby.configErrors();
            noteMissingCredentials(standby.missingCredentials());
        } else if (result instanceof SyncResult.Completed completed) {
            if (completed.configErrors().isEmpty() && completed.config() != null) {
                lastGoodConfig.set(completed.config());
            }
            errors = completed.configErrors();
            noteMissingCredentials(completed.missingCredentials());
        } else {
            errors = ((SyncResult.InvalidConfig) result).errors();
        }
        // Each config error is logged once, when it appears, not every cycle it stays.
        List<ConfigError> before = configErrors.getAndSet(errors);
        for (var error : errors) {
            if (!before.contains(error)) {
                LOG.warn("config error: {}", error);
            }
        }
        if (!before.isEmpty() && errors.isEmpty()) {
            LOG.info("the config is valid again");
        }
        for (String line : CycleLog.lines(result, trigger, took)) {
            STORY.info("{}", line);
        }
    }

    private void noteMissingCredentials(List<String> missing) {
        if (!missing.equals(missingCredentials.getAndSet(missing))) {
            missing.forEach(line -> LOG.warn("{}", line));
        }
    }

    /** What is wrong with the config repo's config now (empty when it is valid): shown until it is fixed. */
    public List<ConfigError> configErrors() {
        return configErrors.get();
    }

    /** Credentials references the config names that this host cannot resolve, one line each. */
    public List<String> missingCredentials() {
        return missingCredentials.get();
    }

    /** Whether cycles run on the last good config because the config repo's is invalid. */
    public boolean runningOnLastGoodConfig() {
        return !configErrors.get().isEmpty() && lastGoodConfig.get() != null;
    }

    /**
     * How the engine is doing, for a health check: {@code starting} before the first cycle,
     * {@code failing} while the last cycle threw, the config is invalid or a credentials reference
     * is unset (with every reason), {@code standby} while another instance holds the writer lease,
     * else {@code ok}.
     */
    public RunnerHealth health() {
        List<String> problems = new ArrayList<>();
        lastError().ifPresent(error -> problems.add("the last sync cycle failed: " + error));
        configErrors.get().forEach(error -> problems.add("config error: " + error));
        problems.addAll(missingCredentials.get());
        String standby = lastResult().filter(SyncResult.NotWriter.class::isInstance)
                .map(result -> ((SyncResult.NotWriter) result).message()).orElse(null);
        String status = !problems.isEmpty() ? RunnerHealth.FAILING
                : standby != null ? RunnerHealth.STANDBY
                : cycles() == 0 ? RunnerHealth.STARTING : RunnerHealth.OK;
        return new RunnerHealth(status, problems, runningOnLastGoodConfig(), standby);
    }

    private void scheduleWakeUp(Instant due) {
        synchronized (lock) {
            if (wakeUp != null) {
                wakeUp.cancel(false);
                wakeUp = null;
            }
            if (due == null) {
                return;
            }
            long delay = Math.max(0, Duration.between(clock.instant(), due).toMillis()) + 1_000;
            wakeUp = executor.schedule(() -> request(Map.of(), "due-time"), delay, TimeUnit.MILLISECONDS);
        }
    }

    public Optional<SyncResult> lastResult() {
        return Optional.ofNullable(lastResult.get());
    }

    public Optional<Instant> lastFinished() {
        return Optional.ofNullable(lastFinished.get());
    }

    public Optional<String> lastError() {
        return Optional.ofNullable(lastError.get());
    }

    public boolean isRunning() {
        synchronized (lock) {
            return running;
        }
    }

    /** Queued requests not yet picked up (0 or 1: requests merge). */
    public int queueLength() {
        synchronized (lock) {
            return pending ? 1 : 0;
        }
    }

    public long cycles() {
        return cycles.get();
    }

    public long failures() {
        return failures.get();
    }

    public long requests() {
        return requests.get();
    }

    /**
     * Finishes the running cycle (a cycle never stops half-written), runs no more, and gives up
     * the config repo's writer lease so a standby instance takes over without waiting for it to lapse.
     */
    @Override
    public void close() {
        close(Duration.ofMinutes(2));
    }

    /**
     * Runs no more cycles; waits up to {@code patience} for the running one, then interrupts it. An
     * interrupted cycle is safe: intents reach the config repo before any dispatch, and the next
     * cycle finds what was dispatched by its idempotency key.
     */
    public void close(Duration patience) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Sync cycle still running after {}; interrupting it", patience);
                executor.shutdownNow();
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
            return;
        }
        SyncEngine engine = lastEngine.get();
        try {
            if (engine != null) {
                engine.releaseLease();
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not release the config repo's writer lease (it lapses by itself): {}", e.getMessage());
        }
    }
}
