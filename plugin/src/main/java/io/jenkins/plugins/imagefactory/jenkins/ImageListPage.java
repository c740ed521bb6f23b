package io.jenkins.plugins.imagefactory.jenkins;

import io.jenkins.plugins.imagefactory.status.ImageQuery;
import io.jenkins.plugins.imagefactory.status.StatusText;
import io.jenkins.plugins.imagefactory.status.StatusView;
import io.jenkins.plugins.imagefactory.status.StatusView.ImageRow;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The page of the dashboard's image list a request asks for ({@code ?page=&per_page=&q=&role=&status=},
 * read and applied by core's {@link ImageQuery} as serve's dashboard and the API do), with the counts
 * of the whole estate; or, for a query that makes no sense, what is wrong with it. Everything here is
 * text for index.jelly, which escapes it.
 */
public final class ImageListPage {

    private final StatusView view;
    private final ImageQuery query;
    private final ImageQuery.RowPage page;
    private final String error;

    private ImageListPage(StatusView view, ImageQuery query, String error) {
        this.view = view;
        this.query = query;
        this.page = query == null ? null : query.apply(view.rows());
        this.error = error;
    }

    /** The page {@code parameter} (a request's query) asks for of {@code view}'s rows. */
    static ImageListPage of(StatusView view, Function<String, Optional<String>> parameter) {
        try {
            return new ImageListPage(view, ImageQuery.parse(parameter, ImageQuery.DASHBOARD_ROWS), null);
        } catch (IllegalArgumentException e) {
            return new ImageListPage(view, null, e.getMessage());
        }
    }

    /** Why the query was refused (the page then shows no rows), or {@code null}. */
    public String getError() {
        return error;
    }

    /** How many images stand where, over the whole estate whatever the page or filter. */
    public String getCounts() {
        return StatusText.counts(view.counts());
    }

    public List<ImageRow> getRows() {
        return page == null ? List.of() : page.images();
    }

    /** {@code images 101–200 of 10000}, or that nothing matches. */
    public String getPosition() {
        return page == null ? null : StatusText.page(page);
    }

    /** The link to the page before, relative to the dashboard, or {@code null} on the first. */
    public String getPreviousHref() {
        return page == null || !page.hasPrevious() ? null : "?" + query.queryString(page.previousPage());
    }

    /** The link to the page after, or {@code null} on the last. */
    public String getNextHref() {
        return page == null || !page.hasNext() ? null : "?" + query.queryString(page.page() + 1);
    }

    /** What the filter form shows: the text, role and status asked for, empty when none or refused. */
    public String getText() {
        return query == null || query.text() == null ? "" : query.text();
    }

    public String getRole() {
        return query == null ? null : query.role();
    }

    public String getStatus() {
        return query == null ? null : query.status();
    }

    public int getPerPage() {
        return query == null ? ImageQuery.DASHBOARD_ROWS : query.perPage();
    }

    public List<String> getRoles() {
        return List.copyOf(new TreeSet<>(ImageQuery.ROLES));
    }

    public List<String> getStatuses() {
        return List.copyOf(new TreeSet<>(ImageQuery.STATUSES));
    }
}
