package io.jenkins.plugins.imagefactory.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.imagefactory.config.RegistrySettings;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Tag details from Docker Hub's web API, {@code GET /v2/namespaces/{ns}/repositories/{repo}/tags}:
 * {@code results[].name, digest, full_size, last_updated, tag_last_pushed}. Public repositories
 * need no auth; this client asks anonymously.
 */
final class DockerHubTags {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryHttp http;
    private final RegistryEndpoints endpoints;

    DockerHubTags(RegistryHttp http, RegistryEndpoints endpoints) {
        this.http = http;
        this.endpoints = endpoints;
    }

    TagDetailsPage page(ImageReference repository, RegistrySettings registry, int page, int pageSize) {
        URI uri = URI.create(repositoryUri(repository) + "/tags?page=" + page + "&page_size=" + pageSize);
        JsonNode body = get(uri, repository, registry, "Docker Hub tag list");
        List<TagDetails> tags = new ArrayList<>();
        for (JsonNode result : body.path("results")) {
            tags.add(details(result));
        }
        tags.sort(Comparator.comparing(TagDetails::publishedAt, Comparator.nullsLast(Comparator.reverseOrder())));
        boolean hasNext = body.hasNonNull("next") && !body.path("next").asText().isEmpty();
        return new TagDetailsPage(repository.withoutDigest(), TagDetailsPage.Provider.DOCKER_HUB, page, pageSize, tags, hasNext,
                true, null);
    }

    Optional<Instant> pushedAt(ImageReference reference, RegistrySettings registry) {
        URI uri = URI.create(repositoryUri(reference) + "/tags/" + encode(reference.tag()));
        JsonNode body = get(uri, reference, registry, "Docker Hub tag lookup");
        return Optional.ofNullable(details(body).publishedAt());
    }

    private static TagDetails details(JsonNode result) {
        String digest = result.path("digest").asText(null);
        Long size = result.path("full_size").canConvertToLong() ? result.path("full_size").asLong() : null;
        Instant pushed = instant(result.path("tag_last_pushed")).orElseGet(() -> instant(result.path("last_updated")).orElse(null));
        return new TagDetails(result.path("name").asText(), digest == null || digest.isEmpty() ? null : digest, size, pushed);
    }

    private String repositoryUri(ImageReference reference) {
        String repository = reference.repository();
        int slash = repository.indexOf('/');
        String namespace = repository.substring(0, slash);
        String name = repository.substring(slash + 1);
        return endpoints.dockerHubApi() + "/v2/namespaces/" + encode(namespace) + "/repositories/" + encode(name);
    }

    private JsonNode get(URI uri, ImageReference reference, RegistrySettings registry, String what) {
        RegistryHttp.Target target = new RegistryHttp.Target(endpoints.dockerHubApi().getAuthority(), registry.concurrency(),
                reference.canonical());
        HttpResponse<byte[]> response = http.send(target,
                () -> HttpRequest.newBuilder(uri).GET().header("Accept", "application/json"), what);
        RegistryClient.requireOk(response, target.host(), reference.canonical(), what);
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new RegistryException(target.host(), reference.canonical(), response.statusCode(), null, null,
                    what + " answered with malformed JSON (" + response.body().length + " bytes, truncated?)", e);
        }
    }

    static Optional<Instant> instant(JsonNode node) {
        if (node == null || !node.isTextual() || node.asText().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(node.asText()));
        } catch (DateTimeParseException unreadable) {
            return Optional.empty();
        }
    }

    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
