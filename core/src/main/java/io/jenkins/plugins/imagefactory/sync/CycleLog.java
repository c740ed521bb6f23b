package io.jenkins.plugins.imagefactory.sync;

import io.jenkins.plugins.imagefactory.state.Event;
import io.jenkins.plugins.imagefactory.status.StatusText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The story of a cycle as an operator reads it in a host's log, without {@code /metrics}: one line
 * for the cycle (what started it, how long it took, what it did), then one per recorded update, per
 * rebuild queued, triggered, failed or completed (image, key, causes), and per new error.
 */
public final class CycleLog {

    private CycleLog() {
    }

    /** The lines for one finished cycle, the cycle's own line first. */
    public static List<String> lines(SyncResult result, String trigger, Duration took) {
        List<String> out = new ArrayList<>();
        String head = "sync cycle (" + trigger + ", " + took.toMillis() + " ms): ";
        if (result instanceof SyncResult.NotWriter standby) {
            out.add(head + "standing by: " + standby.message());
            return out;
        }
        if (result instanceof SyncResult.InvalidConfig invalid) {
            out.add(head + "the config is invalid (" + invalid.errors().size() + " errors); nothing changed");
            return out;
        }
        SyncResult.Completed completed = (SyncResult.Completed) result;
        int commits = completed.commits().size();
        out.add(head + completed.summary().headline() + "; " + commits + (commits == 1 ? " commit" : " commits")
                + (completed.configErrors().isEmpty() ? ""
                : "; the config is invalid (" + completed.configErrors().size() + " errors): ran on the last good config"));
        for (Event event : completed.snapshot().events()) {
            String line = line(event);
            if (line != null) {
                out.add(line);
            }
        }
        completed.summary().items(Reconciler.ERROR).forEach(item -> out.add("new error: " + item));
        return out;
    }

    private static String line(Event event) {
        Map<String, Object> d = event.details();
        String key = " key " + d.get("key");
        return switch (event.kind()) {
            case "update" -> "update " + event.image() + " " + digest(d.get("oldDigest")) + " -> " + digest(d.get("newDigest"))
                    + " (" + d.get("detectedBy") + ")";
            case "rebuild-queued" -> "rebuild queued " + event.image() + key + " by " + event.actor()
                    + (d.get("causes") instanceof List<?> causes && !causes.isEmpty() ? "; causes: " + causes : "; manual")
                    + (Boolean.TRUE.equals(d.get("urgent")) ? "; urgent: " + d.get("reason") : "");
            case "rebuild-triggered" -> "rebuild triggered " + event.image() + key + " via " + d.get("buildSystem")
                    + (d.get("runUrl") == null ? "" : " " + d.get("runUrl"));
            case "rebuild-trigger-error" -> "rebuild dispatch failed " + event.image() + key + ": " + d.get("message")
                    + " (will retry at " + d.get("retryAt") + ")";
            case "rebuild-trigger-failed" -> "rebuild dispatch failed " + event.image() + key + ": "
                    + (d.get("message") != null ? d.get("message") : d.get("error"));
            case "rebuild-recovered" -> "rebuild found again after a restart " + event.image() + key
                    + (d.get("runUrl") == null ? "" : " " + d.get("runUrl"));
            case "rebuild-result" -> "rebuild " + result(d.get("result")) + " " + event.image() + key
                    + (d.get("runUrl") == null ? "" : " " + d.get("runUrl"))
                    + (d.get("message") == null ? "" : ": " + d.get("message"));
            default -> null;
        };
    }

    private static String result(Object result) {
        return "success".equals(result) ? "completed" : "timed-out".equals(result) ? "timed out" : "failed";
    }

    private static String digest(Object digest) {
        return digest == null ? "(none)" : StatusText.shortDigest(digest.toString());
    }
}
