package io.jenkins.plugins.imagefactory.status;

import io.jenkins.plugins.imagefactory.rebuild.BaseUpdate;
import io.jenkins.plugins.imagefactory.rebuild.PlannedRebuild;
import io.jenkins.plugins.imagefactory.rebuild.RebuildStatus;
import io.jenkins.plugins.imagefactory.state.BuildRecord;
import io.jenkins.plugins.imagefactory.state.RebuildRequest;
import io.jenkins.plugins.imagefactory.status.StatusView.ImageRow;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The words every host shows for an image's state (the CLI, the dashboard, Jenkins' pages, the API
 * row's {@code rebuildSummary}), so none of them can say "running" or "up to date" when it is not.
 */
public final class StatusText {

    private StatusText() {
    }

    /** One line: where the image's rebuild stands, why, and what happens next. */
    public static String rebuild(String name, PlannedRebuild plan) {
        String text = switch (plan.status()) {
            case UP_TO_DATE -> "up-to-date";
            case WAITING_FOR_DELAY -> "waiting for the delay; due " + time(plan.dueAt());
            case WAITING_FOR_ANCESTOR -> "waiting for " + plan.waitingOn() + " to be rebuilt first";
            case DUE -> "due: the next cycle triggers it";
            case REBUILD_AVAILABLE -> "rebuild available (auto: false); request it with: image-factory rebuild " + name;
            case RUNNING -> "running (build " + plan.key() + (plan.timeoutAt() == null ? ")"
                    : "; counts as timed out at " + time(plan.timeoutAt()) + ")");
            case DISPATCH_FAILED -> "failed (will retry at " + time(plan.dueAt()) + "): " + plan.waitingOn();
            case BREAKER_OPEN -> "breaker open: " + plan.waitingOn() + resetBreaker(name);
            case BLOCKED -> "blocked: " + plan.waitingOn();
        };
        RebuildRequest request = plan.request();
        if (request != null && plan.status() != RebuildStatus.UP_TO_DATE) {
            text = (request.urgent() ? "urgent" : "requested") + " by " + request.actor()
                    + (request.reason() == null ? "" : " (" + request.reason() + ")") + "; " + text;
        }
        return text;
    }

    /** {@code base sha256:1111… -> sha256:3333… since T}, and when it may be built if it is still ageing. */
    public static String update(BaseUpdate update, Instant now) {
        return update.base() + " " + shortDigest(update.oldDigest()) + " -> " + shortDigest(update.newDigest())
                + " since " + time(update.since()) + (update.eligible(now) ? "" : ", eligible " + time(update.eligibleAt()));
    }

    /** {@code 120 images (80 enrolled, 40 bases only): 70 up to date, …}: the whole estate at a glance. */
    public static String counts(EstateCounts counts) {
        return counts.images() + " images (" + counts.enrolled() + " enrolled, " + counts.basesOnly() + " bases only): "
                + counts.ok() + " up to date, " + counts.pending() + " with a rebuild pending, " + counts.running()
                + " building, " + counts.failing() + " failing";
    }

    /** Which rows of how many a page of the image list shows, saying so when it is past the last one. */
    public static String page(ImageQuery.RowPage page) {
        if (page.total() == 0) {
            return "no image matches";
        }
        if (page.images().isEmpty()) {
            return "page " + page.page() + " is past the last of the " + page.total() + " matching images";
        }
        return "images " + page.first() + "–" + page.last() + " of " + page.total();
    }

    /** The image's error, if any: the registry check (since when, last good check) or its Dockerfile (since when). */
    public static String error(ImageRow row) {
        if (row.error() == null) {
            return null;
        }
        if (StatusView.ERROR_DISCOVERY.equals(row.errorKind())) {
            return "cannot read its Dockerfile (since " + time(row.errorSince()) + "): " + row.error();
        }
        return row.error() + " (failing since " + time(row.errorSince()) + "; " + (row.lastGoodCheck() != null
                ? "last good check " + time(row.lastGoodCheck()) : row.digest() == null ? "no check has worked yet"
                : "the digest shown is from before then") + ")";
    }

    /**
     * Everything that makes the row {@link ImageRow#FAILING failing}, one sentence each, so no host
     * can mark an image failing and then say it has no problem: a dispatch that failed (when it is
     * retried, why), a blocked rebuild (why), an open breaker, a last build that failed or timed out
     * (when, the build system's words), and a check or discovery error (since when).
     */
    public static List<String> problems(ImageRow row) {
        List<String> out = new ArrayList<>();
        String status = row.rebuildStatus();
        if (RebuildStatus.DISPATCH_FAILED.label().equals(status)) {
            out.add("dispatch failed (will retry at " + time(row.rebuildDue()) + "): " + row.waitingOn());
        } else if (RebuildStatus.BLOCKED.label().equals(status)) {
            out.add("blocked: " + row.waitingOn());
        }
        if (row.breakerOpen() || RebuildStatus.BREAKER_OPEN.label().equals(status)) {
            out.add("breaker open" + (RebuildStatus.BREAKER_OPEN.label().equals(status) && row.waitingOn() != null
                    ? ": " + row.waitingOn() : "") + resetBreaker(row.enrollment()));
        }
        if (BuildRecord.FAILED.equals(row.lastBuildStatus()) || BuildRecord.TIMED_OUT.equals(row.lastBuildStatus())) {
            out.add("last build " + (BuildRecord.FAILED.equals(row.lastBuildStatus()) ? "failed" : "timed out")
                    + (row.lastBuildFinishedAt() == null ? "" : " at " + time(row.lastBuildFinishedAt()))
                    + (row.lastBuildMessage() == null ? "" : ": " + row.lastBuildMessage()));
        }
        String error = error(row);
        if (error != null) {
            out.add(error);
        }
        return out;
    }

    private static String resetBreaker(String name) {
        return "; after fixing the build: image-factory rebuild " + name + " --reset-breaker";
    }

    /** The digest as far as it is known: never "not checked yet" when checks are failing. */
    public static String digest(ImageRow row) {
        if (row.digest() != null) {
            return row.digest() + (row.updatedAt() == null ? "" : " since " + time(row.updatedAt()));
        }
        return StatusView.ERROR_CHECK.equals(row.errorKind()) ? "unknown: no check has worked yet (see error)"
                : "not checked yet";
    }

    /** The last build: status, when, key, page and the build system's words. */
    public static String lastBuild(ImageRow row) {
        if (row.lastBuildStatus() == null) {
            return null;
        }
        return row.lastBuildStatus() + (row.lastBuildFinishedAt() != null ? " at " + time(row.lastBuildFinishedAt())
                : row.lastBuildAt() != null ? " since " + time(row.lastBuildAt()) : "")
                + " (key " + row.lastBuildKey() + ")" + (row.lastBuildUrl() == null ? "" : " " + row.lastBuildUrl())
                + (row.lastBuildMessage() == null ? "" : ": " + row.lastBuildMessage());
    }

    /** An image in a list: its reference, role and name, then one labelled line per fact it has. */
    public static List<String> lines(ImageRow row) {
        List<String> out = new ArrayList<>();
        out.add(row.ref() + "  [" + row.role() + "]" + (row.enrollment() == null ? "" : "  " + row.enrollment()));
        field(out, "digest", digest(row));
        field(out, "bases", String.join(", ", row.dependencies()));
        field(out, "dependents", String.join(", ", row.dependents()));
        field(out, "rebuild", row.rebuildSummary());
        for (String cause : row.rebuildCauses()) {
            field(out, "cause", cause);
        }
        field(out, "last build", lastBuild(row));
        field(out, "error", error(row));
        return out;
    }

    /** One image in full: the list lines, then its config, every digest it had and every build. */
    public static List<String> detailLines(StatusView.ImageDetail detail) {
        ImageRow row = detail.summary();
        ImageStatus status = detail.status();
        List<String> out = new ArrayList<>(lines(row));
        field(out, "owner", row.owner());
        if (row.enrollment() != null) {
            field(out, "source", row.source() + " " + row.dockerfile());
            field(out, "build", row.buildSystem() + (status.buildTimeout() == null ? "" : ", timeout " + status.buildTimeout()));
            field(out, "policy", "delay " + row.rebuildDelay() + ", " + (Boolean.TRUE.equals(row.autoRebuild())
                    ? "automatic" : "manual (auto: false)") + ", platforms " + String.join(" ", status.platforms()));
        }
        out.add("    history (" + detail.history().size() + " digests, newest last):");
        detail.history().forEach(record -> out.add("      " + record.digest() + "  first seen " + time(record.firstSeen())
                + (record.pushedAt() == null ? "" : ", pushed " + time(record.pushedAt()))
                + (record.detectedBy() == null ? "" : ", by " + record.detectedBy().label())
                + (record.digest().equals(row.digest()) ? "  (current)" : "")));
        if (row.enrollment() != null) {
            out.add("    builds (" + detail.builds().size() + ", newest last):");
            for (BuildRecord build : detail.builds()) {
                out.add("      " + build.key() + "  " + build.status() + "  requested " + time(build.requestedAt())
                        + " by " + build.actor() + (Boolean.TRUE.equals(build.urgent()) ? " (urgent: " + build.reason() + ")"
                        : build.reason() == null ? "" : " (" + build.reason() + ")")
                        + (build.finishedAt() == null ? "" : ", finished " + time(build.finishedAt()))
                        + (build.runUrl() == null ? "" : "  " + build.runUrl())
                        + (build.message() == null ? "" : "  " + build.message()));
            }
        }
        return out;
    }

    private static void field(List<String> out, String label, String value) {
        if (value != null && !value.isEmpty()) {
            out.add(String.format("    %-12s%s", label + ":", value));
        }
    }

    /** {@code sha256:0123456789ab}: enough to tell digests apart at a glance. */
    public static String shortDigest(String digest) {
        if (digest == null) {
            return "(unknown)";
        }
        int colon = digest.indexOf(':');
        return digest.substring(0, Math.min(digest.length(), colon + 1 + 12));
    }

    /** {@code 2026-11-01 10:15:30 UTC}: to the second, as people read it. */
    public static String time(Instant at) {
        if (at == null) {
            return "(unknown)";
        }
        return at.truncatedTo(ChronoUnit.SECONDS).toString().replace('T', ' ').replace("Z", " UTC");
    }
}
