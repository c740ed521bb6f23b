package io.jenkins.plugins.imagefactory.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.imagefactory.config.RegistrySettings;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.image.Platform;
import io.jenkins.plugins.imagefactory.net.HttpClientFactory;
import io.jenkins.plugins.imagefactory.retry.RetryPolicy;
import io.jenkins.plugins.imagefactory.secret.Secret;
import io.jenkins.plugins.imagefactory.secret.SecretResolver;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A focused client for the OCI distribution API and the tag APIs of Docker Hub and GitHub
 * Packages: what the digest watcher and the catalog need, nothing more. Thread-safe; share one
 * instance so token caches, concurrency limits and rate budgets are shared too.
 */
public final class RegistryClient {

    /** Upper bound on tags read from one repository's {@code tags/list}, whatever the caller asks. */
    public static final int HARD_TAG_CAP = 10_000;
    private static final int TAGS_PAGE = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Function<String, RegistrySettings> settings;
    private final SecretResolver secrets;
    private final RegistryEndpoints endpoints;
    private final RegistryHttp http;
    private final RegistryAuthenticator authenticator;
    private final DockerHubTags dockerHub;
    private final GithubPackagesTags github;

    private RegistryClient(Builder builder) {
        this.settings = builder.settings;
        this.secrets = builder.secrets;
        this.endpoints = builder.endpoints;
        this.http = new RegistryHttp(builder.clients.client(builder.connectTimeout), builder.requestTimeout, builder.retry, builder.maxRetryAfter, builder.clock);
        this.authenticator = new RegistryAuthenticator(http, new TokenCache(builder.clock));
        this.dockerHub = new DockerHubTags(http, endpoints);
        this.github = new GithubPackagesTags(http, endpoints);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Shorthand for {@link #digest(ImageReference, Collection, ManifestDigest)} without a previous result. */
    public ManifestDigest digest(ImageReference reference, Collection<Platform> platforms) {
        return digest(reference, platforms, null);
    }

    /**
     * What {@code reference} points at now: one {@code HEAD} of the manifest (which Docker Hub does
     * not count as a pull); a {@code GET} only when the registry sends no digest header, or when the
     * tag is a multi-platform index whose per-platform digests are wanted and not already known from
     * {@code previous} (an index is content-addressed, so the same digest means the same entries).
     *
     * @param platforms the platforms whose manifest digests matter; empty for the top-level digest only
     * @param previous  the last result for this reference, or {@code null}
     * @throws RegistryException with host, image, status and the registry's error when the check fails
     */
    /**
     * The base image {@code reference} says it was built from: the OCI annotations
     * {@code org.opencontainers.image.base.name} and {@code .base.digest} on its manifest, or on its
     * index, or on the index's first manifest for one of {@code platforms}.
     */
    public Optional<BaseAnnotation> baseAnnotation(ImageReference reference, String digest, Collection<Platform> platforms) {
        RegistrySettings registry = settingsFor(reference.registry());
        JsonNode manifest = manifestJson(registry, reference, digest);
        Optional<BaseAnnotation> found = BaseAnnotation.of(manifest.path("annotations"));
        if (found.isPresent() || !manifest.has("manifests")) {
            return found;
        }
        for (JsonNode entry : manifest.path("manifests")) {
            JsonNode platform = entry.path("platform");
            boolean wanted = platforms.isEmpty() || platforms.stream().anyMatch(p -> p.os().equals(platform.path("os").asText())
                    && p.architecture().equals(platform.path("architecture").asText()));
            if (wanted && entry.hasNonNull("digest")) {
                return BaseAnnotation.of(manifestJson(registry, reference, entry.path("digest").asText()).path("annotations"));
            }
        }
        return Optional.empty();
    }

    private JsonNode manifestJson(RegistrySettings registry, ImageReference reference, String digest) {
        URI uri = manifestUri(registry, reference.repository(), digest);
        HttpResponse<byte[]> get = exchange(registry, reference, "GET", uri, MediaTypes.ACCEPT, "manifest annotations");
        requireOk(get, registry.host(), reference.canonical(), "manifest annotations");
        verifyDigest(registry, reference, digest, sha256(get.body()));
        return readJson(get.body(), registry, reference, "manifest");
    }

    public ManifestDigest digest(ImageReference reference, Collection<Platform> platforms, ManifestDigest previous) {
        Objects.requireNonNull(reference, "reference");
        List<Platform> wanted = List.copyOf(platforms);
        RegistrySettings registry = settingsFor(reference.registry());
        URI manifestUri = manifestUri(registry, reference.repository(), reference.manifestReference());
        String what = "manifest check";
        HttpResponse<byte[]> head = exchange(registry, reference, "HEAD", manifestUri, MediaTypes.ACCEPT, what);
        requireOk(head, registry.host(), reference.canonical(), what);
        String digest = head.headers().firstValue("docker-content-digest").orElse(null);
        String mediaType = MediaTypes.strip(head.headers().firstValue("content-type").orElse(null));
        JsonNode body = null;
        if (digest == null || mediaType == null || mediaType.isEmpty()) {
            // some registries and proxies omit Docker-Content-Digest: the digest is then the body's sha256
            HttpResponse<byte[]> get = exchange(registry, reference, "GET", manifestUri, MediaTypes.ACCEPT, "manifest fetch");
            requireOk(get, registry.host(), reference.canonical(), "manifest fetch");
            String computed = sha256(get.body());
            String sent = get.headers().firstValue("docker-content-digest").orElse(null);
            verifyDigest(registry, reference, sent, computed);
            digest = sent != null ? sent : computed;
            body = readJson(get.body(), registry, reference, "manifest");
            mediaType = mediaTypeOf(get, body);
        }
        if (!MediaTypes.isIndex(mediaType) || wanted.isEmpty()) {
            return new ManifestDigest(reference, digest, mediaType, Map.of());
        }
        if (previous != null && digest.equals(previous.digest()) && previous.isIndex()
                && previous.platformDigests().keySet().containsAll(wanted)) {
            Map<Platform, String> known = new java.util.HashMap<>();
            wanted.forEach(p -> known.put(p, previous.platformDigests().get(p)));
            return new ManifestDigest(reference, digest, mediaType, known);
        }
        if (body == null) {
            URI byDigest = manifestUri(registry, reference.repository(), digest);
            HttpResponse<byte[]> get = exchange(registry, reference, "GET", byDigest, MediaTypes.ACCEPT, "index fetch");
            requireOk(get, registry.host(), reference.canonical(), "index fetch");
            verifyDigest(registry, reference, digest, sha256(get.body()));
            body = readJson(get.body(), registry, reference, "index");
        }
        return new ManifestDigest(reference, digest, mediaType, ManifestIndex.platformDigests(body, wanted));
    }

    /**
     * The tags of {@code repository} from {@code /v2/<name>/tags/list}, following {@code Link: rel="next"}
     * pages up to {@code maxTags} (never more than {@link #HARD_TAG_CAP}).
     */
    public TagList listTags(ImageReference repository, int maxTags) {
        if (maxTags < 1) {
            throw new IllegalArgumentException("maxTags must be at least 1, was " + maxTags);
        }
        int cap = Math.min(maxTags, HARD_TAG_CAP);
        RegistrySettings registry = settingsFor(repository.registry());
        URI base = endpoints.registryBase(registry);
        URI next = URI.create(base + "/v2/" + repository.repository() + "/tags/list?n=" + Math.min(cap, TAGS_PAGE));
        List<String> tags = new ArrayList<>();
        int pages = 0;
        while (next != null) {
            if (++pages > HARD_TAG_CAP) {
                throw new RegistryException(registry.host(), repository.name(), "tag list pagination does not end");
            }
            HttpResponse<byte[]> response = exchange(registry, repository, "GET", next, "application/json", "tag list");
            requireOk(response, registry.host(), repository.name(), "tag list");
            JsonNode body = readJson(response.body(), registry, repository, "tag list");
            for (JsonNode tag : body.path("tags")) {
                if (tags.size() >= cap) {
                    return new TagList(tags, true);
                }
                tags.add(tag.asText());
            }
            URI current = next;
            next = HttpHeaderValues.nextLink(response.headers().firstValue("link").orElse(null), current).orElse(null);
        }
        return new TagList(tags, false);
    }

    /**
     * One page of tag details for the catalog, newest first: Docker Hub's API for {@code docker.io},
     * GitHub Packages for {@code ghcr.io} (needs a token in the ghcr.io registry credentials), the
     * distribution API elsewhere (digests by {@code HEAD}; no sizes or dates, which the page says).
     *
     * @param page     1-based
     * @param pageSize 1 to 100
     */
    public TagDetailsPage tagDetails(ImageReference repository, int page, int pageSize) {
        if (page < 1) {
            throw new IllegalArgumentException("page must be at least 1, was " + page);
        }
        if (pageSize < 1 || pageSize > 100) {
            throw new IllegalArgumentException("pageSize must be between 1 and 100, was " + pageSize);
        }
        RegistrySettings registry = settingsFor(repository.registry());
        if (repository.isDockerHub()) {
            return dockerHub.page(repository, registry, page, pageSize);
        }
        if (repository.registry().equals(RegistryEndpoints.GITHUB_CONTAINER_REGISTRY)) {
            return github.page(repository, registry, githubToken(registry, repository), page, pageSize);
        }
        return genericPage(repository, page, pageSize);
    }

    /**
     * When the tag of {@code reference} was last pushed, where the provider says: Docker Hub's
     * {@code tag_last_pushed}, GitHub Packages' {@code updated_at}; empty for other registries.
     */
    public Optional<Instant> pushedAt(ImageReference reference) {
        if (!reference.hasTag()) {
            return Optional.empty();
        }
        RegistrySettings registry = settingsFor(reference.registry());
        if (reference.isDockerHub()) {
            return dockerHub.pushedAt(reference, registry);
        }
        if (reference.registry().equals(RegistryEndpoints.GITHUB_CONTAINER_REGISTRY)) {
            return github.pushedAt(reference, registry, githubToken(registry, reference));
        }
        return Optional.empty();
    }

    /** How many requests this client sends to {@code host} at once (its {@code registries[].concurrency}). */
    public int concurrency(String host) {
        return settingsFor(host).concurrency();
    }

    /** The registry's last reported request budget, if it reports one. */
    public Optional<RateBudget> budget(String host) {
        return http.budget(host);
    }

    /** HTTP requests sent so far, including retries and token requests. */
    public long requestCount() {
        return http.requestCount();
    }

    private TagDetailsPage genericPage(ImageReference repository, int page, int pageSize) {
        long firstIndex = (long) (page - 1) * pageSize;
        // registries do not all keep tags/list sorted, so read every tag and sort for stable pages
        TagList list = listTags(repository, HARD_TAG_CAP);
        List<String> all = list.tags().stream().sorted().toList();
        List<TagDetails> details = new ArrayList<>();
        for (int i = (int) Math.min(firstIndex, all.size()); i < Math.min(firstIndex + pageSize, all.size()); i++) {
            ManifestDigest digest = digest(repository.withTag(all.get(i)), List.of());
            details.add(new TagDetails(all.get(i), digest.digest(), null, null));
        }
        boolean hasNext = all.size() > firstIndex + pageSize || list.truncated();
        return new TagDetailsPage(repository.withoutDigest(), TagDetailsPage.Provider.OCI_DISTRIBUTION, page, pageSize, details,
                hasNext, false, "this registry's API publishes no push dates or sizes: they are shown as unknown"
                        + " and tags are in name order");
    }

    private String githubToken(RegistrySettings registry, ImageReference reference) {
        return secretFor(registry, endpoints.githubApi()).map(Secret::value).orElseThrow(() -> new RegistryException(registry.host(),
                reference.name(), "GitHub Packages API needs a token: configure credentials for registry ghcr.io"));
    }

    private HttpResponse<byte[]> exchange(RegistrySettings registry, ImageReference reference, String method, URI uri,
                                          String accept, String what) {
        Optional<Secret> secret = secretFor(registry, endpoints.registryBase(registry));
        String scope = "repository:" + reference.repository() + ":pull";
        RegistryHttp.Target target = new RegistryHttp.Target(registry.host(), registry.concurrency(), reference.canonical());
        Optional<String> authorization = authenticator.preemptive(registry.host(), scope, secret);
        HttpResponse<byte[]> response = http.send(target, () -> request(method, uri, accept, authorization), what);
        if (response.statusCode() != 401) {
            return response;
        }
        String challenge = response.headers().firstValue("www-authenticate").orElse(null);
        Optional<String> answer = authenticator.answer(target, scope, challenge, secret);
        if (answer.isEmpty()) {
            ErrorBody error = ErrorBody.parse(response.body());
            throw new RegistryException(registry.host(), reference.canonical(), 401, error.code(), error.message(),
                    what + ": registry requires authentication" + (secret.isEmpty()
                            ? " and no credentials are configured for this registry" : " that the configured credentials cannot answer"),
                    null);
        }
        HttpResponse<byte[]> retried = http.send(target, () -> request(method, uri, accept, answer), what);
        if (retried.statusCode() == 401) {
            ErrorBody error = ErrorBody.parse(retried.body());
            throw new RegistryException(registry.host(), reference.canonical(), 401, error.code(), error.message(),
                    what + ": registry rejected " + (secret.isPresent() ? "the configured credentials" : "anonymous access"), null);
        }
        return retried;
    }

    private static HttpRequest.Builder request(String method, URI uri, String accept, Optional<String> authorization) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody())
                .header("Accept", accept);
        authorization.ifPresent(value -> builder.header("Authorization", value));
        return builder;
    }

    static void requireOk(HttpResponse<byte[]> response, String host, String reference, String what) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return;
        }
        ErrorBody error = ErrorBody.parse(response.body());
        String meaning = status == 404 ? what + ": not found" : status == 403 ? what + ": access denied" : what + " failed";
        throw new RegistryException(host, reference, status, error.code(), error.message(), meaning, null);
    }

    /** The registry's credentials, resolved for the one place they are about to be sent. */
    private Optional<Secret> secretFor(RegistrySettings registry, URI target) {
        if (registry.credentials() == null || registry.credentials().isEmpty()) {
            return Optional.empty();
        }
        Optional<Secret> secret = secrets.resolve(registry.credentials(), target);
        if (secret.isEmpty()) {
            throw new RegistryException(registry.host(), null, "credentials reference " + registry.credentials()
                    + " configured for this registry is not set: " + secrets.howToDefine(registry.credentials()));
        }
        return secret;
    }

    private RegistrySettings settingsFor(String host) {
        RegistrySettings registry = settings.apply(host);
        return registry != null ? registry : RegistrySettings.defaultsFor(host);
    }

    private URI manifestUri(RegistrySettings registry, String repository, String reference) {
        return URI.create(endpoints.registryBase(registry) + "/v2/" + repository + "/manifests/" + reference);
    }

    private static String mediaTypeOf(HttpResponse<byte[]> response, JsonNode body) {
        String header = MediaTypes.strip(response.headers().firstValue("content-type").orElse(null));
        if (header != null && MediaTypes.ACCEPTED.contains(header)) {
            return header;
        }
        String declared = body.path("mediaType").asText("");
        if (!declared.isEmpty()) {
            return declared;
        }
        // an OCI index may omit mediaType; its manifests array gives it away
        return body.has("manifests") ? MediaTypes.OCI_INDEX : header;
    }

    private static void verifyDigest(RegistrySettings registry, ImageReference reference, String expected, String computed) {
        if (expected != null && expected.startsWith("sha256:") && !expected.equals(computed)) {
            throw new RegistryException(registry.host(), reference.canonical(), "manifest body does not match its digest "
                    + expected + " (got " + computed + "): truncated or altered in transit");
        }
    }

    private static JsonNode readJson(byte[] body, RegistrySettings registry, ImageReference reference, String what) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new IOException("not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new RegistryException(registry.host(), reference.canonical(), 200, null, null,
                    what + " is not valid JSON (" + body.length + " bytes, truncated?)", e);
        }
    }

    static String sha256(byte[] body) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java runtime has SHA-256", impossible);
        }
    }

    /** Four attempts from 500 ms doubling to 20 s: rides out a registry restart or a short 429 burst. */
    public static final RetryPolicy DEFAULT_RETRY = RetryPolicy.of(4, Duration.ofMillis(500), Duration.ofSeconds(20));

    /** Configures a {@link RegistryClient}; every setting has a production default. */
    public static final class Builder {
        private Function<String, RegistrySettings> settings = RegistrySettings::defaultsFor;
        private SecretResolver secrets = SecretResolver.none();
        private RegistryEndpoints endpoints = RegistryEndpoints.standard();
        private RetryPolicy retry = DEFAULT_RETRY;
        private Duration maxRetryAfter = Duration.ofSeconds(60);
        private Clock clock = Clock.systemUTC();
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private HttpClientFactory clients = HttpClientFactory.standard();

        private Builder() {
        }

        /** The host's HTTP clients (its proxy settings); plain ones by default. */
        public Builder http(HttpClientFactory clients) {
            this.clients = Objects.requireNonNull(clients);
            return this;
        }

        /** Per-host settings; hosts not listed get {@link RegistrySettings#defaultsFor}. */
        public Builder registries(Collection<RegistrySettings> registries) {
            Map<String, RegistrySettings> byHost = new java.util.HashMap<>();
            registries.forEach(r -> byHost.put(r.host(), r));
            Map<String, RegistrySettings> frozen = Map.copyOf(byHost);
            this.settings = host -> frozen.getOrDefault(host, RegistrySettings.defaultsFor(host));
            return this;
        }

        public Builder secrets(SecretResolver secrets) {
            this.secrets = Objects.requireNonNull(secrets);
            return this;
        }

        public Builder endpoints(RegistryEndpoints endpoints) {
            this.endpoints = Objects.requireNonNull(endpoints);
            return this;
        }

        public Builder retry(RetryPolicy retry) {
            this.retry = Objects.requireNonNull(retry);
            return this;
        }

        /** The longest {@code Retry-After} honoured; a registry asking for more waits this long. */
        public Builder maxRetryAfter(Duration max) {
            if (max.isNegative()) {
                throw new IllegalArgumentException("maxRetryAfter must not be negative, was " + max);
            }
            this.maxRetryAfter = max;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        private static Duration positive(Duration value, String name) {
            if (value == null || value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }

        public RegistryClient build() {
            return new RegistryClient(this);
        }
    }
}
