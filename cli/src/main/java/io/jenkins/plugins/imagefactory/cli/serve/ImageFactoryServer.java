package io.jenkins.plugins.imagefactory.cli.serve;

import io.jenkins.plugins.imagefactory.api.ApiReadRoutes;
import io.jenkins.plugins.imagefactory.api.ApiRequest;
import io.jenkins.plugins.imagefactory.api.ApiRoute;
import io.jenkins.plugins.imagefactory.api.ApiWriteRoutes;
import io.jenkins.plugins.imagefactory.api.TagPageCache;
import io.jenkins.plugins.imagefactory.webhook.ConfigRepoPushWebhook;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import io.jenkins.plugins.imagefactory.status.StatusView;
import io.jenkins.plugins.imagefactory.sync.SyncRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone host's HTTP server: webhooks in, status out, on the JDK's own
 * {@link HttpServer} with a bounded pool of request threads. See docs/serve.md.
 */
public final class ImageFactoryServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ImageFactoryServer.class);
    private static final int QUEUED_REQUESTS = 64;
    private static final int STOP_GRACE_SECONDS = 2;

    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final ServeServices services;
    private final CurrentStatus status;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ImageFactoryServer(HttpServer server, ThreadPoolExecutor executor, ServeServices services, CurrentStatus status) {
        this.server = server;
        this.executor = executor;
        this.services = services;
        this.status = status;
    }

    /**
     * Binds, registers the cycle listener that refreshes the status view, and starts answering.
     * Starting the runner's schedule is the caller's job, so tests can drive cycles themselves.
     *
     * @throws UncheckedIOException the address cannot be bound (in use, not local)
     */
    public static ImageFactoryServer start(ServeSettings settings, ServeServices services) {
        CurrentStatus status = new CurrentStatus();
        ServeMetrics metrics = new ServeMetrics();
        services.runner().onCycle(result -> {
            // Runs on the sync thread (the runner logs a failure here without counting the cycle as
            // failed). The view first: a cycle counted in /metrics is one the pages already show.
            StatusView.afterCycle(result, services.workTree(), services.clock().instant()).ifPresent(status::set);
            metrics.cycleFinished(result);
        });
        BearerToken token = BearerToken.of(settings.apiToken());
        ServeEngine engine = new ServeEngine(status, services.runner(), services.actions());
        List<ApiRoute> routes = List.of(
                new WebhookRoutes(settings.receiver(), settings.gitWebhookSecret()
                        .map(secret -> new ConfigRepoPushWebhook(secret, settings.branch())), services.runner(), metrics,
                        ref -> status.get().map(view -> view.watches(ref)).orElse(true)),
                new OpsRoutes(services.runner(), metrics, status, services.clock()),
                new ApiWriteRoutes(engine, services.runs(), token, settings.receiver().maxBodyBytes()),
                new ApiReadRoutes(engine, services.tags(), services.runs(), new TagPageCache(1_000), services.clock()),
                new DashboardRoutes(status, services.runner()));
        ThreadPoolExecutor executor = executor(settings.threads());
        HttpServer server;
        try {
            // Small JSON answers on kept-alive connections otherwise wait ~40 ms for Nagle + delayed ACK.
            System.setProperty("sun.net.httpserver.nodelay", "true");
            server = HttpServer.create(settings.address(), 0);
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("cannot listen on " + settings.address() + ": " + e.getMessage(), e);
        }
        server.createContext("/", new Dispatcher(routes, settings.receiver().maxBodyBytes()));
        server.setExecutor(executor);
        server.start();
        LOG.info("listening on {} ({})", server.getAddress(), settings);
        return new ImageFactoryServer(server, executor, services, status);
    }

    /**
     * ApiRequest threads: a fixed few, a short queue, and beyond that the acceptor thread runs the
     * request itself, which stops it accepting more until one finishes (back-pressure, not drops).
     */
    private static ThreadPoolExecutor executor(int threads) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUED_REQUESTS), runnable -> {
                    Thread thread = new Thread(runnable, "image-factory-http-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    /** The bound address (the real port when 0 was asked for). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Whether the first cycle has produced a status view to serve. */
    public boolean ready() {
        return status.get().isPresent();
    }

    /**
     * Stops accepting, lets running requests finish for a moment, then lets the running cycle
     * finish (a cycle never stops half-written). Safe to call twice.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info("shutting down: no new requests; finishing the running sync cycle");
        server.stop(STOP_GRACE_SECONDS);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
        closeRunner(services.runner());
        LOG.info("stopped");
    }

    /**
     * {@link SyncRunner#close()} stops new cycles at once but then also waits for a pending
     * due-time wake-up, which may be days away. So it runs on its own daemon thread and we wait
     * only while a cycle is actually running or queued: that cycle finishes, nothing else is
     * waited for, and the daemon thread dies with the JVM.
     */
    private static void closeRunner(SyncRunner runner) {
        Thread closer = new Thread(runner::close, "image-factory-sync-close");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(100);
            while (closer.isAlive() && (runner.isRunning() || runner.queueLength() > 0)) {
                closer.join(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
