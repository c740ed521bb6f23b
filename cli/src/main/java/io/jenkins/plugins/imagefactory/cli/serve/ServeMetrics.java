package io.jenkins.plugins.imagefactory.cli.serve;

import io.jenkins.plugins.imagefactory.rebuild.RebuildCoordinator;
import io.jenkins.plugins.imagefactory.sync.Reconciler;
import io.jenkins.plugins.imagefactory.sync.SyncResult;
import io.jenkins.plugins.imagefactory.sync.SyncRunner;
import io.jenkins.plugins.imagefactory.webhook.WebhookKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The counters {@code /metrics} exposes in the Prometheus text format. Cycle counts come from the
 * runner; what cycles did is counted from their summaries as they finish.
 */
final class ServeMetrics {

    /** The {@code kind} label of the config repo's own push webhook. */
    static final String GIT_KIND = "git";

    private final Map<String, AtomicLong> webhooks = new ConcurrentHashMap<>();
    private final AtomicLong updates = new AtomicLong();
    private final AtomicLong triggered = new AtomicLong();
    private final AtomicLong invalidConfigs = new AtomicLong();

    /** Called on the sync thread after each cycle. */
    void cycleFinished(SyncResult result) {
        if (result instanceof SyncResult.Completed completed) {
            updates.addAndGet(completed.summary().count(Reconciler.BASE_UPDATE));
            triggered.addAndGet(completed.summary().count(RebuildCoordinator.TRIGGERED));
            if (!completed.configErrors().isEmpty()) {
                invalidConfigs.incrementAndGet();
            }
        } else {
            invalidConfigs.incrementAndGet();
        }
    }

    /**
     * Counts one delivery. The kind comes from the URL, which anyone can write: unknown kinds are
     * counted as {@code unknown} so a scanner cannot grow the label set without bound.
     */
    void webhook(String kind, String result) {
        String label = GIT_KIND.equals(kind) ? GIT_KIND
                : WebhookKind.fromPathSegment(kind).map(WebhookKind::pathSegment).orElse("unknown");
        webhooks.computeIfAbsent(label + "\u0000" + result, k -> new AtomicLong()).incrementAndGet();
    }

    String render(SyncRunner runner, Instant now) {
        StringBuilder out = new StringBuilder();
        counter(out, "image_factory_syncs_total", "Sync cycles finished, failed ones included.",
                runner.cycles() + runner.failures());
        counter(out, "image_factory_sync_failures_total", "Sync cycles that failed or found the config invalid (also when they ran on the last good config).",
                runner.failures() + invalidConfigs.get());
        out.append("# HELP image_factory_webhooks_total Webhook deliveries by kind and result.\n")
                .append("# TYPE image_factory_webhooks_total counter\n");
        new TreeMap<>(webhooks).forEach((key, count) -> {
            String[] parts = key.split("\u0000", 2);
            out.append("image_factory_webhooks_total{kind=\"").append(parts[0]).append("\",result=\"").append(parts[1])
                    .append("\"} ").append(count.get()).append('\n');
        });
        counter(out, "image_factory_updates_total", "New base image digests found.", updates.get());
        counter(out, "image_factory_rebuilds_triggered_total", "Rebuilds dispatched to a build system.", triggered.get());
        gauge(out, "image_factory_queue_length", "Sync requests waiting for the running cycle to finish.",
                Integer.toString(runner.queueLength()));
        gauge(out, "image_factory_last_sync_age_seconds", "Seconds since the last cycle finished (NaN before the first).",
                runner.lastFinished().map(at -> Long.toString(Math.max(0, Duration.between(at, now).toSeconds())))
                        .orElse("NaN"));
        return out.toString();
    }

    private static void counter(StringBuilder out, String name, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" counter\n")
                .append(name).append(' ').append(value).append('\n');
    }

    private static void gauge(StringBuilder out, String name, String help, String value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" gauge\n")
                .append(name).append(' ').append(value).append('\n');
    }
}
