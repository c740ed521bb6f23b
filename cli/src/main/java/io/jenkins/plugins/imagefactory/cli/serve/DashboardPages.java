package io.jenkins.plugins.imagefactory.cli.serve;

import io.jenkins.plugins.imagefactory.rebuild.BaseUpdate;
import io.jenkins.plugins.imagefactory.state.BuildRecord;
import io.jenkins.plugins.imagefactory.state.DigestRecord;
import io.jenkins.plugins.imagefactory.status.DependencyPicture;
import io.jenkins.plugins.imagefactory.status.ImageQuery;
import io.jenkins.plugins.imagefactory.status.Links;
import io.jenkins.plugins.imagefactory.status.StatusText;
import io.jenkins.plugins.imagefactory.status.StatusView;
import io.jenkins.plugins.imagefactory.status.StatusView.ImageDetail;
import io.jenkins.plugins.imagefactory.status.StatusView.ImageRow;
import io.jenkins.plugins.imagefactory.sync.RunnerHealth;
import java.time.Instant;
import java.util.List;

/**
 * The dashboard's HTML, rendered on the server with every value escaped; the pictures are core's
 * SVG, so nothing is loaded from anywhere else. Stable ids and classes ({@code #images},
 * {@code tr[data-ref]}, {@code .rebuild-due}, {@code .build-failed}, {@code .error-badge},
 * {@code #problems}, {@code #estate}, {@code #graph}, {@code tr.current}) are part of its contract:
 * tests and browser checks select them.
 */
final class DashboardPages {

    /** Rows of the image table per page unless the link asks for another number (at most the API's 100). */

    /** How often an open page reloads its content. */
    static final int REFRESH_SECONDS = 10;

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:0;color:#222;font-size:15px}
            header{background:#263238;color:#fff;padding:.5rem 1rem}header a{color:#fff;margin-right:1rem}
            main{padding:0 1rem 1rem;max-width:1400px}
            table{border-collapse:collapse;width:100%;table-layout:fixed}
            th,td{text-align:left;padding:.3rem .4rem;border-bottom:1px solid #ddd;vertical-align:top;overflow-wrap:anywhere}
            tr.error{background:#fff0f0}.badge{display:inline-block;padding:0 .4rem;border-radius:.6rem;font-size:.8rem}
            .error-badge{background:#c62828;color:#fff}.build-failed,.build-timed-out{color:#c62828;font-weight:bold}
            .breaker{background:#ef6c00;color:#fff}.urgent{background:#6a1b9a;color:#fff}.role{background:#eceff1}
            .current-badge{background:#2e7d32;color:#fff}tr.current{background:#f1f8e9}
            code{font-size:.9em}button.copy{font-size:.75rem;margin-left:.3rem}.muted{color:#666}
            .banner{border:2px solid #c62828;background:#fff0f0;padding:.5rem 1rem;margin:1rem 0}
            ul.causes,ul.problem-list{margin:.2rem 0;padding-left:1.1rem;font-size:.85rem}dl{display:grid;grid-template-columns:10rem 1fr;gap:.2rem .8rem}
            dt{font-weight:bold}dd{margin:0;overflow-wrap:anywhere}
            .picture{overflow-x:auto}.picture svg{max-width:100%;height:auto}
            @media (max-width:900px){body{font-size:13px}dl{grid-template-columns:7rem 1fr}}
            """;

    /**
     * No build step: copies a copy button's {@code data-copy}, and every few seconds replaces each
     * {@code [data-refresh]} part of the page with its fresh copy (keeping the scroll position),
     * saying so when that fails. Only those parts: the filter form is never among them, so what a
     * person is typing into it survives a refresh.
     */
    private static final String SCRIPT = """
            document.addEventListener('click',function(e){var b=e.target.closest('button.copy');if(!b)return;
            navigator.clipboard.writeText(b.getAttribute('data-copy')).then(function(){b.textContent='copied';});});
            setInterval(function(){fetch(location.href,{cache:'no-store'}).then(function(r){if(!r.ok)throw r.status;return r.text();})
            .then(function(html){var fresh=new DOMParser().parseFromString(html,'text/html');
            document.querySelectorAll('[data-refresh]').forEach(function(part){var f=fresh.getElementById(part.id);
            if(f)part.innerHTML=f.innerHTML;});})
            .catch(function(){var a=document.getElementById('as-of');if(a)a.textContent='could not refresh: the server did not answer';});
            },REFRESH*1000);
            """;

    /** The dashboard's icon, so browsers' favicon requests are answered instead of logged as misses. */
    static final String FAVICON = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 16 16\"><rect width=\"16\" height=\"16\""
            + " rx=\"3\" fill=\"#263238\"/><path d=\"M3 11h4V7H3zm5 0h5V5H8zM3 6h4V3H3z\" fill=\"#80cbc4\"/></svg>";

    private DashboardPages() {
    }

    /**
     * What the page says about the engine beside the images.
     *
     * @param health the runner's health: its problems become a banner
     */
    record Context(RunnerHealth health, Instant takenAt) {
    }

    /** The counts of the whole estate, then the page of the table {@code query} asks for, with links to the others. */
    static String index(StatusView view, ImageQuery query, Context context) {
        List<ImageRow> all = view.rows();
        ImageQuery.RowPage page = query.apply(all);
        List<ImageRow> rows = page.images();
        StringBuilder out = new StringBuilder();
        head(out, "Image Factory");
        problems(out, context.health());
        out.append("<h1>Image Factory</h1>\n");
        out.append("<p id=\"counts\" data-refresh>").append(Html.escape(StatusText.counts(view.counts()))).append("</p>\n");
        filter(out, query);
        out.append("<div id=\"listing\" data-refresh>\n");
        pager(out, query, page);
        out.append("<table id=\"images\">\n<colgroup><col style=\"width:28%\"><col style=\"width:16%\"><col style=\"width:26%\">"
                + "<col style=\"width:15%\"><col style=\"width:15%\"></colgroup>\n<thead><tr><th>Image</th><th>Digest</th>"
                + "<th>Rebuild</th><th>Last build</th><th>Problems</th></tr></thead>\n<tbody>\n");
        for (ImageRow row : rows) {
            boolean failing = ImageRow.FAILING.equals(row.standing());
            out.append("<tr data-ref=\"").append(Html.escape(row.ref())).append("\" data-standing=\"")
                    .append(Html.escape(row.standing())).append('"').append(failing ? " class=\"error\"" : "").append(">");
            out.append("<td><a href=\"").append(Html.escape(href(row))).append("\">").append(Html.escape(row.ref()))
                    .append("</a><br><span class=\"badge role\">").append(Html.escape(row.role())).append("</span>");
            if (row.enrollment() != null) {
                out.append(" <strong>").append(Html.escape(row.enrollment())).append("</strong><br><span class=\"muted build\">")
                        .append(Html.escape(row.buildSystem())).append(" · delay ").append(Html.escape(row.rebuildDelay()))
                        .append(Boolean.FALSE.equals(row.autoRebuild()) ? " · manual" : "").append(" · ")
                        .append(Html.escape(row.dockerfile())).append(" in ").append(Html.escape(row.source())).append("</span>");
            }
            out.append("</td><td class=\"digest\">").append(digest(row)).append("</td>");
            out.append("<td class=\"rebuild\">").append(rebuild(row, context.takenAt())).append("</td>");
            out.append("<td class=\"last-build\">").append(lastBuild(row)).append("</td>");
            out.append("<td class=\"problems\">").append(problems(row)).append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n");
        pager(out, query, page);
        picture(out, "estate", "The estate", DependencyPicture.estate(all, DashboardPages::href),
                "Bases on the left; an arrow points from a base to each image built on it. Green: up to date; amber: a"
                        + " rebuild is pending; blue: building; red: failing; grey: a base not built here.");
        out.append("</div>\n");
        return foot(out, context);
    }

    /** The search form: text, role and status, kept from the query shown. */
    private static void filter(StringBuilder out, ImageQuery query) {
        out.append("<form id=\"filter\" method=\"get\" action=\"/\"><input type=\"search\" name=\"q\" placeholder=\"reference or name\" value=\"")
                .append(Html.escape(query.text() == null ? "" : query.text())).append("\"> ");
        select(out, "role", query.role(), new java.util.TreeSet<>(ImageQuery.ROLES));
        select(out, "status", query.status(), new java.util.TreeSet<>(ImageQuery.STATUSES));
        out.append("<input type=\"hidden\" name=\"per_page\" value=\"").append(query.perPage())
                .append("\"> <button type=\"submit\">show</button></form>\n");
    }

    private static void select(StringBuilder out, String name, String chosen, java.util.Collection<String> values) {
        out.append("<select name=\"").append(name).append("\"><option value=\"\">any ").append(name).append("</option>");
        values.forEach(value -> out.append("<option").append(value.equals(chosen) ? " selected" : "").append(">")
                .append(Html.escape(value)).append("</option>"));
        out.append("</select> ");
    }

    /** Which rows this page shows of how many, and links to the pages around it. */
    private static void pager(StringBuilder out, ImageQuery query, ImageQuery.RowPage page) {
        out.append("<p class=\"pager\">").append(Html.escape(StatusText.page(page)));
        if (page.hasPrevious()) {
            out.append(" <a rel=\"prev\" href=\"").append(Html.escape("/?" + query.queryString(page.previousPage())))
                    .append("\">← previous</a>");
        }
        if (page.hasNext()) {
            out.append(" <a rel=\"next\" href=\"").append(Html.escape("/?" + query.queryString(page.page() + 1)))
                    .append("\">next →</a>");
        }
        out.append("</p>\n");
    }

    static String image(ImageDetail detail, List<ImageRow> rows, Context context) {
        ImageRow row = detail.summary();
        StringBuilder out = new StringBuilder();
        head(out, row.ref() + " · Image Factory");
        problems(out, context.health());
        out.append("<div id=\"detail\" data-refresh>\n<p><a href=\"/\">← all images</a></p>\n");
        out.append("<h1 id=\"image\" data-ref=\"").append(Html.escape(row.ref())).append("\">").append(Html.escape(row.ref()))
                .append("</h1>\n<dl>");
        field(out, "Role", Html.escape(row.role()));
        if (row.enrollment() != null) {
            field(out, "Enrollment", Html.escape(row.enrollment()));
        }
        field(out, "Owner", Html.escape(row.owner()));
        if (row.enrollment() != null) {
            field(out, "Source", "<code>" + Html.escape(row.source()) + "</code> branch <code>"
                    + Html.escape(detail.status().branch()) + "</code>, Dockerfile <code>" + Html.escape(row.dockerfile()) + "</code>");
            field(out, "Build system", Html.escape(row.buildSystem()) + " <span class=\"muted\">(a build without a result"
                    + " counts as timed out after " + Html.escape(detail.status().buildTimeout()) + ")</span>");
            field(out, "Policy", "delay " + Html.escape(row.rebuildDelay()) + ", " + (Boolean.TRUE.equals(row.autoRebuild())
                    ? "automatic" : "manual (auto: false)") + ", platforms " + Html.escape(String.join(" ",
                    detail.status().platforms())));
        }
        field(out, "Digest", digest(row));
        if (row.rebuildStatus() != null) {
            field(out, "Rebuild", rebuild(row, context.takenAt()));
            field(out, "Last build", lastBuild(row));
        }
        if (!StatusText.problems(row).isEmpty()) {
            field(out, "Problems", problems(row));
        }
        out.append("</dl>\n");
        picture(out, "graph", "Bases and dependents", DependencyPicture.around(rows, row.ref(), DashboardPages::href), null);
        out.append("<h2>Bases</h2>\n");
        list(out, "bases", row.dependencies(), "none: it builds on no external image (FROM scratch), or its Dockerfile has"
                + " not been read yet");
        out.append("<h2>Dependents</h2>\n");
        list(out, "dependents", row.dependents(), "none: no enrolled image builds on it");
        out.append("<h2>History</h2>\n<table id=\"history\"><thead><tr><th>Digest</th><th>First seen</th>"
                + "<th>Pushed</th><th>Detected by</th></tr></thead><tbody>");
        for (int i = detail.history().size() - 1; i >= 0; i--) {
            DigestRecord record = detail.history().get(i);
            boolean current = record.digest().equals(row.digest()) && i == detail.history().size() - 1;
            out.append(current ? "<tr class=\"current\">" : "<tr>").append("<td><code>").append(Html.escape(record.digest()))
                    .append("</code>").append(current ? " <span class=\"badge current-badge\">current</span>" : "")
                    .append("</td><td>").append(Html.time(record.firstSeen())).append("</td><td>")
                    .append(record.pushedAt() == null ? "<span class=\"muted\">not given by the registry</span>"
                            : Html.time(record.pushedAt()))
                    .append("</td><td>").append(Html.escape(record.detectedBy() == null ? "" : record.detectedBy().label()))
                    .append("</td></tr>");
        }
        if (detail.history().isEmpty()) {
            out.append("<tr><td colspan=\"4\" class=\"muted\">no digest recorded yet</td></tr>");
        }
        out.append("</tbody></table>\n");
        if (row.enrollment() != null) {
            builds(out, detail.builds());
        }
        out.append("</div>\n");
        return foot(out, context);
    }

    static String message(String title, String text) {
        StringBuilder out = new StringBuilder();
        head(out, title);
        out.append("<h1>").append(Html.escape(title)).append("</h1>\n<p>").append(Html.escape(text))
                .append("</p>\n<p><a href=\"/\">all images</a></p>\n");
        return foot(out, null);
    }

    private static void builds(StringBuilder out, List<BuildRecord> builds) {
        out.append("<h2>Builds</h2>\n<table id=\"builds\"><thead><tr><th>Status</th><th>Key</th><th>Requested</th>"
                + "<th>Finished</th><th>By</th><th>Reason</th><th>Message</th></tr></thead><tbody>");
        for (int i = builds.size() - 1; i >= 0; i--) {
            BuildRecord build = builds.get(i);
            out.append("<tr><td>").append(buildStatus(build.status(), build.runUrl()))
                    .append(Boolean.TRUE.equals(build.urgent()) ? " <span class=\"badge urgent\">urgent</span>" : "")
                    .append("</td><td><code>").append(Html.escape(build.key())).append("</code></td><td>")
                    .append(Html.time(build.requestedAt())).append("</td><td>").append(Html.time(build.finishedAt()))
                    .append("</td><td>").append(Html.escape(build.actor())).append("</td><td>").append(Html.escape(build.reason()))
                    .append("</td><td>").append(Html.escape(build.message()))
                    .append(build.retryAt() == null ? "" : " (will retry at " + Html.time(build.retryAt()) + ")")
                    .append("</td></tr>");
        }
        if (builds.isEmpty()) {
            out.append("<tr><td colspan=\"7\" class=\"muted\">no rebuild yet</td></tr>");
        }
        out.append("</tbody></table>\n");
    }

    /** The engine's banners, in a part the refresh replaces even when it is empty, so a banner can come and go. */
    private static void problems(StringBuilder out, RunnerHealth health) {
        out.append("<div id=\"alerts\" data-refresh>");
        banners(out, health);
        out.append("</div>\n");
    }

    private static void banners(StringBuilder out, RunnerHealth health) {
        if (health != null && health.standby() != null) {
            out.append("<div id=\"standby\" class=\"banner\" role=\"status\"><strong>Standing by:</strong> ")
                    .append(Html.escape(health.standby())).append("</div>\n");
        }
        if (health == null || health.problems().isEmpty()) {
            return;
        }
        out.append("<div id=\"problems\" class=\"banner\" role=\"alert\"><strong>Image Factory needs attention</strong>");
        if (health.onLastGoodConfig()) {
            out.append(" <span>(the config repo's config is invalid: cycles run on the last good config until it is"
                    + " fixed)</span>");
        }
        out.append("<ul>");
        health.problems().forEach(problem -> out.append("<li>").append(Html.escape(problem)).append("</li>"));
        out.append("</ul><a href=\"/healthz\">health</a></div>\n");
    }

    private static void picture(StringBuilder out, String id, String title, String svg, String legend) {
        out.append("<section id=\"").append(id).append("\"><h2>").append(Html.escape(title)).append("</h2>");
        if (svg == null) {
            out.append("<p class=\"muted\">More than ").append(DependencyPicture.MAX_NODES)
                    .append(" images: too many for one picture; the table lists them all.</p>");
        } else {
            if (legend != null) {
                out.append("<p class=\"muted\">").append(Html.escape(legend)).append("</p>");
            }
            out.append("<div class=\"picture\">").append(svg).append("</div>");
        }
        out.append("</section>\n");
    }

    private static void list(StringBuilder out, String id, List<String> items, String none) {
        out.append("<ul id=\"").append(id).append("\">");
        items.forEach(item -> out.append("<li><a href=\"").append(Html.escape(Html.imagePath(item))).append("\">")
                .append(Html.escape(item)).append("</a></li>"));
        if (items.isEmpty()) {
            out.append("<li class=\"muted\">").append(Html.escape(none)).append("</li>");
        }
        out.append("</ul>\n");
    }

    private static String href(ImageRow row) {
        return Html.imagePath(row.enrollment() != null ? row.enrollment() : row.ref());
    }

    private static String digest(ImageRow row) {
        if (row.digest() == null) {
            return "<span class=\"muted\">" + Html.escape(StatusText.digest(row)) + "</span>";
        }
        return "<code title=\"" + Html.escape(row.digest()) + "\">" + Html.escape(Html.shortDigest(row.digest())) + "</code>"
                + "<button type=\"button\" class=\"copy\" data-copy=\"" + Html.escape(row.refDigest())
                + "\" title=\"copy the full reference with digest\">copy</button>"
                + (row.updatedAt() == null ? "" : "<br><span class=\"muted\">since " + Html.time(row.updatedAt()) + "</span>");
    }

    private static String rebuild(ImageRow row, Instant now) {
        if (row.rebuildStatus() == null) {
            return "<span class=\"muted\">not built here (a base)</span>";
        }
        StringBuilder out = new StringBuilder("<span class=\"badge role rebuild-status\">").append(Html.escape(row.rebuildStatus()))
                .append("</span>");
        if (Boolean.TRUE.equals(row.urgent())) {
            out.append(" <span class=\"badge urgent\" title=\"").append(Html.escape(row.urgentReason())).append("\">urgent</span>");
        }
        if (row.rebuildDue() != null) {
            out.append(" <span class=\"rebuild-due\">").append("dispatch-failed".equals(row.rebuildStatus()) ? "retry " : "due ")
                    .append(Html.time(row.rebuildDue())).append("</span>");
        }
        // The words add what the status and due time do not say: why, what next, who asked.
        boolean saysMore = !row.rebuildSummary().equals(row.rebuildStatus())
                && !row.rebuildSummary().startsWith("waiting for the delay");
        if (saysMore) {
            out.append("<br><span class=\"rebuild-summary\">").append(Html.escape(row.rebuildSummary())).append("</span>");
        }
        if (!row.updates().isEmpty()) {
            out.append("<ul class=\"causes\">");
            for (BaseUpdate update : row.updates()) {
                out.append("<li>").append(Html.escape(update.base())).append(" <code>")
                        .append(Html.escape(Html.shortDigest(update.oldDigest()))).append("</code> → <code>")
                        .append(Html.escape(Html.shortDigest(update.newDigest()))).append("</code> since ")
                        .append(Html.time(update.since()));
                if (!update.eligible(now)) {
                    out.append(", eligible ").append(Html.time(update.eligibleAt()));
                }
                out.append("</li>");
            }
            out.append("</ul>");
        }
        return out.toString();
    }

    private static String lastBuild(ImageRow row) {
        if (row.lastBuildStatus() == null) {
            return row.enrollment() == null ? "<span class=\"muted\">—</span>" : "<span class=\"muted\">no rebuild yet</span>";
        }
        return buildStatus(row.lastBuildStatus(), row.lastBuildUrl()) + "<br>"
                + (row.lastBuildFinishedAt() != null ? "finished " + Html.time(row.lastBuildFinishedAt())
                : "since " + Html.time(row.lastBuildAt()))
                + (row.lastBuildMessage() == null ? "" : "<br><span class=\"muted\">" + Html.escape(row.lastBuildMessage())
                + "</span>");
    }

    private static String buildStatus(String status, String url) {
        String css = BuildRecord.FAILED.equals(status) ? "build-failed" : "build-" + status.replaceAll("[^a-z-]", "");
        String label = "<span class=\"" + css + "\">" + Html.escape(status) + "</span>";
        String href = Links.safeHref(url);
        return href == null ? label : "<a href=\"" + Html.escape(href) + "\">" + label + "</a>";
    }

    /** Core's words for every problem the row has, so this cell says "none" only when the row is not failing. */
    private static String problems(ImageRow row) {
        List<String> problems = StatusText.problems(row);
        if (problems.isEmpty()) {
            return "<span class=\"muted\">none</span>";
        }
        StringBuilder out = new StringBuilder("<span class=\"badge error-badge\">failing</span>");
        if (row.breakerOpen()) {
            out.append(" <span class=\"badge breaker\">breaker open</span>");
        }
        out.append("<ul class=\"problem-list\">");
        problems.forEach(problem -> out.append("<li class=\"problem\">").append(Html.escape(problem)).append("</li>"));
        return out.append("</ul>").toString();
    }

    private static void field(StringBuilder out, String name, String html) {
        out.append("<dt>").append(Html.escape(name)).append("</dt><dd>").append(html).append("</dd>");
    }

    private static void head(StringBuilder out, String title) {
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
                .append(Html.escape(title)).append("</title><link rel=\"icon\" href=\"/favicon.ico\" type=\"image/svg+xml\">")
                .append("<style>").append(STYLE).append("</style></head><body>\n<header><nav><a href=\"/\"><strong>Image"
                        + " Factory</strong></a><a href=\"/healthz\">health</a><a href=\"/metrics\">metrics</a>"
                        + "<a href=\"/api/v1/images\">API</a></nav></header>\n<main id=\"content\">\n");
    }

    private static String foot(StringBuilder out, Context context) {
        if (context != null) {
            out.append("<p class=\"muted\" id=\"as-of\" data-refresh>status as of ").append(Html.time(context.takenAt()))
                    .append("; this page refreshes every ").append(REFRESH_SECONDS).append(" s</p>\n");
        }
        return out.append("</main>\n<script>var REFRESH=").append(REFRESH_SECONDS).append(";").append(SCRIPT)
                .append("</script>\n</body></html>\n").toString();
    }
}
