package io.jenkins.plugins.imagefactory.api;

import java.util.Optional;
import java.util.function.Function;

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
        try {
            return new Result(parse(request::queryParameter, defaultPerPage), null);
        } catch (IllegalArgumentException e) {
            return new Result(null, ApiResponse.error(400, e.getMessage()));
        }
    }

    /**
     * {@code page} and {@code per_page} as {@code parameter} gives them (a request's query, whichever
     * host parsed it), {@code defaultPerPage} rows when it names none.
     *
     * @throws IllegalArgumentException saying which of them is wrong and what it must be
     */
    public static Paging parse(Function<String, Optional<String>> parameter, int defaultPerPage) {
        Optional<String> page = parameter.apply("page");
        Optional<String> perPage = parameter.apply("per_page");
        Integer p = parse(page.orElse("1"), 1, Integer.MAX_VALUE);
        if (p == null) {
            throw new IllegalArgumentException("page must be a whole number from 1, got \"" + clip(page.get()) + "\"");
        }
        Integer pp = parse(perPage.orElse(Integer.toString(defaultPerPage)), 1, MAX_PER_PAGE);
        if (pp == null) {
            throw new IllegalArgumentException("per_page must be a whole number from 1 to " + MAX_PER_PAGE
                    + ", got \"" + clip(perPage.get()) + "\"");
        }
        return new Paging(p, pp);
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
