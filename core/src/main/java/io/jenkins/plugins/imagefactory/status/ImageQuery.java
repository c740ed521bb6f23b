package io.jenkins.plugins.imagefactory.status;

import io.jenkins.plugins.imagefactory.api.Paging;
import io.jenkins.plugins.imagefactory.graph.Role;
import io.jenkins.plugins.imagefactory.rebuild.RebuildStatus;
import io.jenkins.plugins.imagefactory.status.StatusView.ImageRow;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Which rows of the image list to show: a text to look for, a role, a status, and a page. Hosts
 * parse it from a request; the filtering and the page arithmetic live here so the API, the
 * dashboard and Jenkins page alike.
 *
 * @param text    case-insensitive part of the reference or enrollment name, or {@code null} for any
 * @param role    {@code managed} (enrolled, whether or not something builds on it), {@code base}
 *                (something builds on it), {@code managed+base}, or {@code null} for any
 * @param status  a standing ({@code failing}, {@code running}, {@code pending}, {@code ok},
 *                {@code base}) or a rebuild status ({@code due}, {@code waiting-for-delay}, …), or
 *                {@code null} for any
 * @param page    1-based
 * @param perPage rows per page, at least 1
 */
public record ImageQuery(String text, String role, String status, int page, int perPage) {

    /** Rows per page of the dashboards (serve's and Jenkins'); the API's default page is smaller. */
    public static final int DASHBOARD_ROWS = Paging.MAX_PER_PAGE;

    /** Roles {@link #role} may name. */
    public static final Set<String> ROLES = Set.of("managed", "base", "managed+base");
    /** Statuses {@link #status} may name: the standings and the rebuild statuses. */
    public static final Set<String> STATUSES = statuses();

    /** What {@code GET /api/v1/images} answers when it names no page, size or filter. */
    public static final ImageQuery FIRST_PAGE = new ImageQuery(null, null, null, 1, Paging.DEFAULT_PER_PAGE);

    public ImageQuery {
        text = text == null || text.isBlank() ? null : text.strip().toLowerCase(Locale.ROOT);
        role = role == null || role.isBlank() ? null : role.strip();
        status = status == null || status.isBlank() ? null : status.strip();
        if (role != null && !ROLES.contains(role)) {
            throw new IllegalArgumentException("role must be one of " + new TreeSet<>(ROLES) + ", got \"" + clip(role) + "\"");
        }
        if (status != null && !STATUSES.contains(status)) {
            throw new IllegalArgumentException("status must be one of " + new TreeSet<>(STATUSES) + ", got \""
                    + clip(status) + "\"");
        }
        if (page < 1 || perPage < 1) {
            throw new IllegalArgumentException("page and perPage must be at least 1, were " + page + " and " + perPage);
        }
    }

    /**
     * The query {@code ?page=&per_page=&q=&role=&status=} asks for, as {@code parameter} reads a
     * request's query (whichever host parsed it); {@code defaultPerPage} rows when it names no size.
     *
     * @throws IllegalArgumentException saying which parameter is wrong and what it must be
     */
    public static ImageQuery parse(Function<String, Optional<String>> parameter, int defaultPerPage) {
        Paging paging = Paging.parse(parameter, defaultPerPage);
        return new ImageQuery(parameter.apply("q").orElse(null), parameter.apply("role").orElse(null),
                parameter.apply("status").orElse(null), paging.page(), paging.perPage());
    }

    /**
     * The query string (no {@code ?}) asking for page {@code otherPage} of the same rows, every
     * value URL-encoded; a host prefixes its own path and escapes it for HTML.
     */
    public String queryString(int otherPage) {
        StringBuilder query = new StringBuilder("page=").append(otherPage).append("&per_page=").append(perPage);
        if (text != null) {
            query.append("&q=").append(URLEncoder.encode(text, StandardCharsets.UTF_8));
        }
        if (role != null) {
            query.append("&role=").append(URLEncoder.encode(role, StandardCharsets.UTF_8));
        }
        if (status != null) {
            query.append("&status=").append(URLEncoder.encode(status, StandardCharsets.UTF_8));
        }
        return query.toString();
    }

    /** The page of {@code rows} this query asks for, and how many rows match in all. */
    public RowPage apply(List<ImageRow> rows) {
        List<ImageRow> matching = rows;
        if (text != null || role != null || status != null) {
            matching = new ArrayList<>();
            for (ImageRow row : rows) {
                if (matches(row)) {
                    matching.add(row);
                }
            }
        }
        long from = (long) (page - 1) * perPage;
        List<ImageRow> slice = from >= matching.size() ? List.of()
                : List.copyOf(matching.subList((int) from, (int) Math.min(matching.size(), from + perPage)));
        return new RowPage(slice, page, perPage, matching.size(), from + perPage < matching.size());
    }

    boolean matches(ImageRow row) {
        if (text != null && !row.ref().toLowerCase(Locale.ROOT).contains(text)
                && (row.enrollment() == null || !row.enrollment().toLowerCase(Locale.ROOT).contains(text))) {
            return false;
        }
        if (role != null) {
            Role of = Role.fromLabel(row.role());
            boolean fits = switch (role) {
                case "managed" -> of.isManaged();
                case "base" -> of.isBase();
                default -> of == Role.MANAGED_AND_BASE;
            };
            if (!fits) {
                return false;
            }
        }
        return status == null || status.equals(row.standing()) || status.equals(row.rebuildStatus());
    }

    /**
     * One page of the image list.
     *
     * @param images  the rows of this page
     * @param page    1-based
     * @param perPage the page size asked for
     * @param total   rows matching the query on all pages
     * @param hasNext whether a later page has rows
     */
    public record RowPage(List<ImageRow> images, int page, int perPage, int total, boolean hasNext) {

        /** The 1-based position of this page's first row among all matching rows; 0 when the page has none. */
        public long first() {
            return images.isEmpty() ? 0 : (long) (page - 1) * perPage + 1;
        }

        /** The 1-based position of this page's last row among all matching rows; 0 when the page has none. */
        public long last() {
            return images.isEmpty() ? 0 : (long) (page - 1) * perPage + images.size();
        }

        /** Whether an earlier page exists to link to. */
        public boolean hasPrevious() {
            return page > 1;
        }

        /**
         * The page a "previous" link goes to: the one before, or for a page past the end the last
         * page that has rows, so the link never leads to another empty page.
         */
        public int previousPage() {
            int lastWithRows = Math.max(1, (int) ((total + (long) perPage - 1) / perPage));
            return Math.min(page - 1, lastWithRows);
        }
    }

    private static Set<String> statuses() {
        Set<String> all = new TreeSet<>(List.of(ImageRow.FAILING, ImageRow.RUNNING, ImageRow.PENDING, ImageRow.OK, ImageRow.BASE));
        Arrays.stream(RebuildStatus.values()).map(RebuildStatus::label).forEach(all::add);
        return Set.copyOf(all);
    }

    private static String clip(String text) {
        String clean = text.replaceAll("[\\p{Cntrl}\"]", "?");
        return clean.length() > 40 ? clean.substring(0, 40) + "…" : clean;
    }
}
