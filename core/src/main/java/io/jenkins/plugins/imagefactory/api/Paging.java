package io.jenkins.plugins.imagefactory.api;

import java.util.Optional;

/** {@code ?page=&per_page=} as GitHub spells them: 1-based pages, at most 100 per page. */
public record Paging(int page, int perPage) {

    public static final int DEFAULT_PER_PAGE = 30;
    public static final int MAX_PER_PAGE = 100;

    /** The paging asked for, or the 400 answer saying what was wrong. */
    public static Result of(ApiRequest request) {
        return of(request, DEFAULT_PER_PAGE);
    }

    /** The paging asked for, {@code defaultPerPage} rows when the request names none, or the 400 answer. */
    public static Result of(ApiRequest request, int defaultPerPage) {
        Optional<String> page = request.queryParameter("page");
        Optional<String> perPage = request.queryParameter("per_page");
        Integer p = parse(page.orElse("1"), 1, Integer.MAX_VALUE);
        if (p == null) {
            return new Result(null, ApiResponse.error(400, "page must be a whole number from 1, got \"" + clip(page.get()) + "\""));
        }
        Integer pp = parse(perPage.orElse(Integer.toString(defaultPerPage)), 1, MAX_PER_PAGE);
        if (pp == null) {
            return new Result(null, ApiResponse.error(400, "per_page must be a whole number from 1 to " + MAX_PER_PAGE
                    + ", got \"" + clip(perPage.get()) + "\""));
        }
        return new Result(new Paging(p, pp), null);
    }

    public record Result(Paging paging, ApiResponse error) {
    }

    private static Integer parse(String text, int min, int max) {
        try {
            int value = Integer.parseInt(text.trim());
            return value < min || value > max ? null : value;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String clip(String text) {
        String clean = text.replaceAll("[\\p{Cntrl}\"]", "?");
        return clean.length() > 40 ? clean.substring(0, 40) + "…" : clean;
    }
}
