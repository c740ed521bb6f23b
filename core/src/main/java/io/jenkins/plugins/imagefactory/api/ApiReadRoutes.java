package io.jenkins.plugins.imagefactory.api;

import io.jenkins.plugins.imagefactory.config.Enrollment;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.status.ImageQuery;
import io.jenkins.plugins.imagefactory.status.RunSource;
import io.jenkins.plugins.imagefactory.status.StatusView;
import io.jenkins.plugins.imagefactory.status.StatusView.ImageDetail;
import io.jenkins.plugins.imagefactory.status.TagSource;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The read-only JSON API: {@code GET /api/v1/images} (a page of it, the total included), {@code /api/v1/images/{name}}
 * and its {@code /tags} and {@code /runs}. Field names are the core records' own. Every answer
 * reads the host's one {@link StatusView} of the last cycle.
 */
public final class ApiReadRoutes implements ApiRoute {

    public static final List<String> IMAGES = List.of("api", "v1", "images");
    /** The query parameters that choose a page other than the default first one. */
    static final List<String> LIST_PARAMETERS = List.of("page", "per_page", "q", "role", "status");
    /** Longer names get no suggestion: no reference is that long, and comparing costs time on every 404. */
    private static final int MAX_SUGGESTED = 300;

    private final ApiEngine engine;
    private final TagSource tags;
    private final RunSource runs;
    private final TagPageCache cache;
    private final Clock clock;
    private final ReadAccess access;

    public ApiReadRoutes(ApiEngine engine, TagSource tags, RunSource runs, TagPageCache cache, Clock clock) {
        this(engine, tags, runs, cache, clock, ReadAccess.open());
    }

    /** @param access who may read tags and runs, which cost the host's credentials */
    public ApiReadRoutes(ApiEngine engine, TagSource tags, RunSource runs, TagPageCache cache, Clock clock,
                         ReadAccess access) {
        this.engine = engine;
        this.tags = tags;
        this.runs = runs;
        this.cache = cache;
        this.clock = clock;
        this.access = access;
    }

    @Override
    public Optional<ApiResponse> handle(ApiRequest request) {
        boolean list = request.matches(IMAGES, 0);
        boolean detail = request.matches(IMAGES, 1);
        boolean sub = request.matches(IMAGES, 2)
                && (request.segment(4).equals("tags") || request.segment(4).equals("runs"));
        if (!list && !detail && !sub) {
            return Optional.empty();
        }
        if (!request.isRead()) {
            return Optional.of(ApiResponse.methodNotAllowed("GET"));
        }
        if (sub) {
            Optional<ApiResponse> denied = access.denyCredentialedRead(request);
            if (denied.isPresent()) {
                return denied;
            }
        }
        Optional<StatusView> view = engine.status();
        if (view.isEmpty()) {
            return Optional.of(ApiResponse.notReady(engine.lastError()));
        }
        if (list) {
            return Optional.of(list(request, view.get()));
        }
        String name = PathSegments.image(request.segment(3));
        Optional<ImageDetail> found = view.get().detail(name);
        if (found.isEmpty()) {
            return Optional.of(unknownImage(view.get(), name));
        }
        if (detail) {
            return Optional.of(ApiResponse.json(200, found.get()));
        }
        Paging.Result paging = Paging.of(request);
        if (paging.error() != null) {
            return Optional.of(paging.error());
        }
        return Optional.of(request.segment(4).equals("tags")
                ? tags(view.get(), found.get(), paging.paging())
                : runs(view.get(), found.get(), paging.paging()));
    }

    /**
     * The image list, one page at a time ({@code ?page=&per_page=&q=&role=&status=}, total
     * included); never the whole estate in one answer. The default page, which most requests ask
     * for, is serialised once per view ({@link StatusView#firstPageJson()}) and shared by every
     * request until the next cycle, whichever host serves it.
     */
    private ApiResponse list(ApiRequest request, StatusView view) {
        if (LIST_PARAMETERS.stream().noneMatch(name -> request.queryParameter(name).isPresent())) {
            return ApiResponse.serialisedJson(200, view.firstPageJson());
        }
        ImageQuery query;
        try {
            query = ImageQuery.parse(request::queryParameter, Paging.DEFAULT_PER_PAGE);
        } catch (IllegalArgumentException e) {
            return ApiResponse.error(400, e.getMessage());
        }
        return ApiResponse.json(200, query.apply(view.rows()));
    }

    /** The 404 for a name that names no tracked image, with the nearest one when it looks like a slip. */
    public static ApiResponse unknownImage(StatusView view, String name) {
        String slip = name.length() > MAX_SUGGESTED ? "" : view.closest(name).map(s -> " (did you mean " + quote(s) + "?)").orElse("");
        return ApiResponse.error(404, "no tracked image " + quote(name) + slip
                + "; use an enrollment name or a URL-encoded reference such as ghcr.io%2Facme%2Fapp%3Alatest");
    }

    /**
     * A page of tags from the cache while it is younger than {@code tags.cacheTtl}, else from the
     * registry; when the registry fails, the cached page however old, saying it is stale.
     */
    private ApiResponse tags(StatusView view, ImageDetail image, Paging paging) {
        String ref = image.summary().ref();
        ImageReference repository = ImageReference.parse(ref);
        TagPageCache.Key key = new TagPageCache.Key(repository.name(), paging.page(), paging.perPage());
        Instant now = clock.instant();
        Optional<TagPageCache.Cached> cached = cache.get(key);
        if (cached.isPresent() && cached.get().freshAt(now, view.config().settings().tagCacheTtl())) {
            return answer(cached.get(), now, null);
        }
        try {
            TagSource.TagPage page = tags.tags(repository, paging.page(), paging.perPage());
            return answer(cache.put(key, page, now), now, null);
        } catch (TagSource.TagSourceException e) {
            if (cached.isPresent()) {
                return answer(cached.get(), now, e.getMessage())
                        .withHeader("Warning", "110 - \"stale tag list: the registry did not answer\"");
            }
            return ApiResponse.error(502, "cannot list tags of " + ref + ": " + e.getMessage());
        }
    }

    private static ApiResponse answer(TagPageCache.Cached cached, Instant now, String registryError) {
        long age = cached.age(now).toSeconds();
        return ApiResponse.json(200, new TagsAnswer(cached.page(), cached.fetchedAt(), age, registryError))
                .withHeader("Age", String.valueOf(age));
    }

    private ApiResponse runs(StatusView view, ImageDetail image, Paging paging) {
        String name = image.summary().enrollment();
        Optional<Enrollment> enrollment = name == null ? Optional.empty() : view.config().enrollment(name);
        if (enrollment.isEmpty()) {
            return ApiResponse.error(404, image.summary().ref() + " is not a managed image; only enrolled images have build runs");
        }
        try {
            return ApiResponse.json(200, runs.runs(enrollment.get(), paging.page(), paging.perPage()));
        } catch (RunSource.RunSourceException e) {
            int code = e.status() == 404 ? 404 : 502;
            return ApiResponse.error(code, "cannot list build runs of " + name + ": " + e.getMessage());
        }
    }

    /**
     * A tag page, when it was fetched and how old it is; {@code stale} when it is served past its
     * time to live because the registry failed ({@code registryError} says how).
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record TagsAnswer(List<TagSource.TagInfo> tags, int page, int perPage, boolean hasNext, boolean datesKnown,
                             Instant fetchedAt, long ageSeconds, boolean stale, String registryError) {

        TagsAnswer(TagSource.TagPage page, Instant fetchedAt, long ageSeconds, String registryError) {
            this(page.tags(), page.page(), page.perPage(), page.hasNext(), page.datesKnown(), fetchedAt, ageSeconds,
                    registryError != null, registryError);
        }

        /** A page just fetched from the registry: what the CLI prints, in the API's shape. */
        public static TagsAnswer fresh(TagSource.TagPage page, Instant fetchedAt) {
            return new TagsAnswer(page, fetchedAt, 0, null);
        }
    }

    public static String quote(String untrusted) {
        return io.jenkins.plugins.imagefactory.config.UntrustedText.quote(untrusted);
    }

    public static Map<String, Object> fields(Object... pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], pairs[i + 1]);
        }
        return out;
    }
}
