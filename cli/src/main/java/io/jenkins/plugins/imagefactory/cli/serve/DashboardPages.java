package io.jenkins.plugins.imagefactory.cli.serve;

import io.jenkins.plugins.imagefactory.state.BuildRecord;
import io.jenkins.plugins.imagefactory.state.DigestRecord;
import io.jenkins.plugins.imagefactory.status.Links;
import io.jenkins.plugins.imagefactory.status.StatusView.ImageDetail;
import io.jenkins.plugins.imagefactory.status.StatusView.ImageRow;
import java.time.Instant;
import java.util.List;

/**
 * The dashboard's HTML, rendered on the server with every value escaped. Stable ids and classes
 * ({@code #images}, {@code tr[data-ref]}, {@code .rebuild-due}, {@code .build-failed},
 * {@code .error-badge}) are part of its contract: tests and browser checks select them.
 */
final class DashboardPages {

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222}
            table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #ddd;vertical-align:top}
            tr.error{background:#fff0f0}.badge{display:inline-block;padding:0 .4rem;border-radius:.6rem;font-size:.8rem}
            .error-badge{background:#c62828;color:#fff}.build-failed{color:#c62828;font-weight:bold}.breaker{background:#ef6c00;color:#fff}
            code{font-size:.9em}button.copy{font-size:.75rem;margin-left:.3rem}.muted{color:#777}
            """;

    /** A few lines, no build step: copy the full reference of a copy button's {@code data-copy}. */
    private static final String COPY_SCRIPT = """
            document.addEventListener('click',function(e){var b=e.target.closest('button.copy');if(!b)return;
            navigator.clipboard.writeText(b.getAttribute('data-copy')).then(function(){b.textContent='copied';});});
            """;

    private DashboardPages() {
    }

    static String index(List<ImageRow> rows, Instant takenAt) {
        StringBuilder out = new StringBuilder();
        head(out, "Image Factory");
        out.append("<h1>Image Factory</h1>\n<p class=\"muted\">").append(rows.size()).append(" images; status as of ")
                .append(Html.time(takenAt)).append("</p>\n");
        out.append("<table id=\"images\">\n<thead><tr><th>Image</th><th>Role</th><th>Digest</th><th>Rebuild</th>"
                + "<th>Last build</th><th>Problems</th></tr></thead>\n<tbody>\n");
        for (ImageRow row : rows) {
            boolean failing = row.error() != null;
            out.append("<tr data-ref=\"").append(Html.escape(row.ref())).append('"')
                    .append(failing ? " class=\"error\"" : "").append(">");
            out.append("<td><a href=\"").append(Html.escape(Html.imagePath(row.enrollment() != null ? row.enrollment() : row.ref())))
                    .append("\">").append(Html.escape(row.ref())).append("</a>");
            if (row.enrollment() != null) {
                out.append("<br><span class=\"muted\">").append(Html.escape(row.enrollment())).append("</span>");
            }
            out.append("</td><td class=\"role\">").append(Html.escape(row.role())).append("</td>");
            out.append("<td class=\"digest\">").append(digest(row.digest(), row.refDigest())).append("</td>");
            out.append("<td class=\"rebuild\">").append(rebuild(row)).append("</td>");
            out.append("<td class=\"last-build\">").append(lastBuild(row.lastBuildStatus(), row.lastBuildUrl(), row.lastBuildAt()))
                    .append("</td>");
            out.append("<td class=\"problems\">");
            if (failing) {
                out.append("<span class=\"badge error-badge\">error</span> <span class=\"error-message\">")
                        .append(Html.escape(row.error())).append("</span>");
            }
            if (row.breakerOpen()) {
                out.append(" <span class=\"badge breaker\">breaker open</span>");
            }
            out.append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n");
        return foot(out);
    }

    static String image(ImageDetail detail, Instant takenAt) {
        ImageRow row = detail.summary();
        StringBuilder out = new StringBuilder();
        head(out, row.ref() + " · Image Factory");
        out.append("<p><a href=\"/\">← all images</a></p>\n");
        out.append("<h1 id=\"image\" data-ref=\"").append(Html.escape(row.ref())).append("\">").append(Html.escape(row.ref()))
                .append("</h1>\n<dl>");
        field(out, "Role", Html.escape(row.role()));
        if (row.enrollment() != null) {
            field(out, "Enrollment", Html.escape(row.enrollment()));
        }
        field(out, "Owner", Html.escape(row.owner()));
        field(out, "Digest", digest(row.digest(), row.refDigest()));
        field(out, "Rebuild", rebuild(row));
        if (row.error() != null) {
            field(out, "Error", "<span class=\"badge error-badge\">error</span> <span class=\"error-message\">"
                    + Html.escape(row.error()) + "</span>");
        }
        out.append("</dl>\n<h2>Bases</h2>\n<ul id=\"bases\">");
        row.dependencies().forEach(base -> out.append("<li><a href=\"").append(Html.escape(Html.imagePath(base))).append("\">")
                .append(Html.escape(base)).append("</a></li>"));
        out.append("</ul>\n<h2>Dependents</h2>\n<ul id=\"dependents\">");
        row.dependents().forEach(name -> out.append("<li><a href=\"").append(Html.escape(Html.imagePath(name))).append("\">")
                .append(Html.escape(name)).append("</a></li>"));
        out.append("</ul>\n<h2>History</h2>\n<table id=\"history\"><thead><tr><th>Digest</th><th>First seen</th>"
                + "<th>Pushed</th><th>Detected by</th></tr></thead><tbody>");
        for (DigestRecord record : detail.history()) {
            out.append("<tr><td><code>").append(Html.escape(record.digest())).append("</code></td><td>")
                    .append(Html.time(record.firstSeen())).append("</td><td>").append(Html.time(record.pushedAt()))
                    .append("</td><td>").append(Html.escape(record.detectedBy() == null ? "" : record.detectedBy().label()))
                    .append("</td></tr>");
        }
        out.append("</tbody></table>\n<h2>Builds</h2>\n<table id=\"builds\"><thead><tr><th>Status</th><th>Requested</th>"
                + "<th>By</th><th>Reason</th><th>Message</th></tr></thead><tbody>");
        for (BuildRecord build : detail.builds()) {
            out.append("<tr><td>").append(lastBuild(build.status(), build.runUrl(), null)).append("</td><td>")
                    .append(Html.time(build.requestedAt())).append("</td><td>").append(Html.escape(build.actor()))
                    .append("</td><td>").append(Html.escape(build.reason())).append("</td><td>")
                    .append(Html.escape(build.message())).append("</td></tr>");
        }
        out.append("</tbody></table>\n<p class=\"muted\">status as of ").append(Html.time(takenAt)).append("</p>\n");
        return foot(out);
    }

    static String message(String title, String text) {
        StringBuilder out = new StringBuilder();
        head(out, title);
        out.append("<h1>").append(Html.escape(title)).append("</h1>\n<p>").append(Html.escape(text))
                .append("</p>\n<p><a href=\"/\">all images</a></p>\n");
        return foot(out);
    }

    private static String digest(String digest, String refDigest) {
        if (digest == null) {
            return "<span class=\"muted\">not checked yet</span>";
        }
        return "<code title=\"" + Html.escape(digest) + "\">" + Html.escape(Html.shortDigest(digest)) + "</code>"
                + "<button type=\"button\" class=\"copy\" data-copy=\"" + Html.escape(refDigest)
                + "\" title=\"copy the full reference with digest\">copy</button>";
    }

    private static String rebuild(ImageRow row) {
        if (row.rebuildStatus() == null) {
            return "";
        }
        StringBuilder out = new StringBuilder("<span class=\"rebuild-status\">").append(Html.escape(row.rebuildStatus()))
                .append("</span>");
        if (row.rebuildDue() != null) {
            out.append(" <span class=\"rebuild-due\">due ").append(Html.time(row.rebuildDue())).append("</span>");
        }
        if (row.waitingOn() != null) {
            out.append(" <span class=\"muted\">waiting on ").append(Html.escape(row.waitingOn())).append("</span>");
        }
        return out.toString();
    }

    private static String lastBuild(String status, String url, Instant at) {
        if (status == null) {
            return "";
        }
        String css = BuildRecord.FAILED.equals(status) ? "build-failed" : "build-" + status.replaceAll("[^a-z-]", "");
        String label = "<span class=\"" + css + "\">" + Html.escape(status) + "</span>";
        String href = Links.safeHref(url);
        if (href != null) {
            label = "<a href=\"" + Html.escape(href) + "\">" + label + "</a>";
        }
        return at == null ? label : label + " " + Html.time(at);
    }

    private static void field(StringBuilder out, String name, String html) {
        out.append("<dt>").append(Html.escape(name)).append("</dt><dd>").append(html).append("</dd>");
    }

    private static void head(StringBuilder out, String title) {
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(Html.escape(title))
                .append("</title><style>").append(STYLE).append("</style></head><body>\n");
    }

    private static String foot(StringBuilder out) {
        return out.append("<script>").append(COPY_SCRIPT).append("</script>\n</body></html>\n").toString();
    }
}
