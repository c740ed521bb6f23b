package io.jenkins.plugins.imagefactory.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.imagefactory.config.RegistrySettings;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tag details for {@code ghcr.io} images from the GitHub Packages REST API:
 * {@code GET /orgs/{org}/packages/container/{name}/versions} (or {@code /users/{user}/...} when the
 * owner is a user). Each version is one digest ({@code name}) with its tags in
 * {@code metadata.container.tags}; its {@code updated_at} is when a tag last moved onto it.
 * GitHub publishes no image size, so sizes are absent.
 */
final class GithubPackagesTags {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Versions read at most when looking one tag up: enough for any active tag. */
    private static final int LOOKUP_PAGES = 10;

    private final RegistryHttp http;
    private final RegistryEndpoints endpoints;
    /** Owner to "orgs" or "users", learnt from the first 404, so later calls go straight there. */
    private final Map<String, String> ownerKinds = new ConcurrentHashMap<>();

    GithubPackagesTags(RegistryHttp http, RegistryEndpoints endpoints) {
        this.http = http;
        this.endpoints = endpoints;
    }

    TagDetailsPage page(ImageReference repository, RegistrySettings registry, String token, int page, int pageSize) {
        HttpResponse<byte[]> response = versions(repository, registry, token, page, pageSize);
        List<TagDetails> tags = new ArrayList<>();
        for (JsonNode version : parse(response, repository)) {
            Instant updated = DockerHubTags.instant(version.path("updated_at")).orElse(null);
            String digest = version.path("name").asText(null);
            for (JsonNode tag : version.path("metadata").path("container").path("tags")) {
                tags.add(new TagDetails(tag.asText(), digest, null, updated));
            }
        }
        tags.sort(Comparator.comparing(TagDetails::publishedAt, Comparator.nullsLast(Comparator.reverseOrder())));
        boolean hasNext = HttpHeaderValues.nextLink(response.headers().firstValue("link").orElse(null),
                response.uri()).isPresent();
        return new TagDetailsPage(repository.withoutDigest(), TagDetailsPage.Provider.GITHUB_PACKAGES, page, pageSize, tags,
                hasNext, true, "GitHub Packages publishes no image sizes; untagged versions are not shown");
    }

    Optional<Instant> pushedAt(ImageReference reference, RegistrySettings registry, String token) {
        for (int page = 1; page <= LOOKUP_PAGES; page++) {
            HttpResponse<byte[]> response = versions(reference, registry, token, page, 100);
            for (JsonNode version : parse(response, reference)) {
                for (JsonNode tag : version.path("metadata").path("container").path("tags")) {
                    if (tag.asText().equals(reference.tag())) {
                        return DockerHubTags.instant(version.path("updated_at"));
                    }
                }
            }
            if (HttpHeaderValues.nextLink(response.headers().firstValue("link").orElse(null), response.uri()).isEmpty()) {
                break;
            }
        }
        return Optional.empty();
    }

    private HttpResponse<byte[]> versions(ImageReference repository, RegistrySettings registry, String token, int page,
                                          int perPage) {
        String path = repository.repository();
        int slash = path.indexOf('/');
        if (slash < 0) {
            throw new RegistryException(registry.host(), repository.name(), "ghcr.io repository needs an owner: ghcr.io/OWNER/NAME");
        }
        String owner = path.substring(0, slash);
        String packageName = DockerHubTags.encode(path.substring(slash + 1));
        String what = "GitHub Packages version list";
        RegistryHttp.Target target = new RegistryHttp.Target(endpoints.githubApi().getAuthority(), registry.concurrency(),
                repository.name());
        String known = ownerKinds.get(owner);
        List<String> kinds = known != null ? List.of(known) : List.of("orgs", "users");
        HttpResponse<byte[]> response = null;
        for (String kind : kinds) {
            URI uri = URI.create(endpoints.githubApi() + "/" + kind + "/" + DockerHubTags.encode(owner) + "/packages/container/"
                    + packageName + "/versions?per_page=" + perPage + "&page=" + page);
            response = http.send(target, () -> HttpRequest.newBuilder(uri).GET()
                    .header("Accept", "application/vnd.github+json")
                    .header("X-GitHub-Api-Version", "2022-11-28")
                    .header("Authorization", "Bearer " + token), what);
            if (response.statusCode() != 404) {
                ownerKinds.put(owner, kind);
                break;
            }
        }
        RegistryClient.requireOk(response, target.host(), repository.name(), what);
        return response;
    }

    private static JsonNode parse(HttpResponse<byte[]> response, ImageReference repository) {
        try {
            JsonNode body = JSON.readTree(response.body());
            if (body == null || !body.isArray()) {
                throw new IOException("expected a JSON array of package versions");
            }
            return body;
        } catch (IOException e) {
            throw new RegistryException(response.uri().getAuthority(), repository.name(), response.statusCode(), null, null,
                    "GitHub Packages answered with malformed JSON (" + response.body().length + " bytes, truncated?)", e);
        }
    }
}
