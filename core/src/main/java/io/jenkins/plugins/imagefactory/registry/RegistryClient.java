package io.jenkins.plugins.imagefactory.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.imagefactory.config.RegistrySettings;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.image.Platform;
import io.jenkins.plugins.imagefactory.secret.SecretResolver;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small OCI distribution client: current digests of tags (one {@code HEAD} per check, which
 * Docker Hub does not count as a pull), per-platform digests of multi-arch tags, and tag listing.
 * Thread-safe; share one per engine so tokens, budgets and concurrency limits are shared too.
 */
public final class RegistryClient {

    /** Hard cap on tags listed from one repository. */
    public static final int DEFAULT_MAX_TAGS = 10_000;
    private static final int TAGS_PAGE_SIZE = 1_000;
    /** Guards against a registry that keeps answering empty pages with a next link. */
    private static final int MAX_TAG_PAGES = 200;
    private static final Pattern LINK_NEXT = Pattern.compile("<([^>]+)>\\s*;[^,]*rel=\"?next\"?");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Function<String, RegistrySettings> settings;
    private final RegistryEndpoints endpoints;
    private final RegistryTransport transport;
    private final RegistryAuth auth;
    private final SecretResolver secrets;

    private RegistryClient(Builder builder) {
        this.settings = builder.settings;
        this.endpoints = builder.endpoints;
        this.secrets = builder.secrets;
        this.transport = new RegistryTransport(builder.retry, builder.sleeper, builder.clock, builder.random, builder.settings);
        this.auth = new RegistryAuth(transport, builder.settings, builder.secrets);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The current digest of {@code reference}'s tag, resolving the requested platforms of an index. */
    public ManifestDigest digest(ImageReference reference, Collection<Platform> platforms) {
        return digest(reference, platforms, null);
    }

    /**
     * Like {@link #digest(ImageReference, Collection)}, but when the tag still points at
     * {@code previous.digest()} (an index is immutable by digest) its platform digests are reused,
     * so an unchanged multi-arch tag costs one {@code HEAD}, not a {@code HEAD} and a {@code GET}.
     */
    public ManifestDigest digest(ImageReference reference, Collection<Platform> platforms, ManifestDigest previous) {
        Objects.requireNonNull(reference, "reference");
        List<Platform> wanted = List.copyOf(platforms);
        ImageReference byTag = reference.withoutDigest();
        String host = byTag.registry();
        String path = "/v2/" + byTag.repository() + "/manifests/" + byTag.manifestReference();
        RegistryResponse head = call(byTag, path, "HEAD");
        if (!head.isSuccess()) {
            throw failure(byTag, head, "HEAD manifest");
        }
        String mediaType = MediaTypes.base(head.header("Content-Type").orElse(null));
        Optional<String> digest = head.header("Docker-Content-Digest").filter(d -> !d.isBlank());
        if (digest.isPresent() && previous != null && digest.get().equals(previous.digest())
                && previous.platformDigests().keySet().containsAll(wanted)) {
            Map<Platform, String> reuse = new LinkedHashMap<>();
            wanted.forEach(p -> reuse.put(p, previous.platformDigests().get(p)));
            return new ManifestDigest(byTag, digest.get(), mediaType != null ? mediaType : previous.mediaType(), reuse);
        }
        boolean needBody = digest.isEmpty() || (MediaTypes.isIndex(mediaType) && !wanted.isEmpty());
        if (!needBody) {
            return new ManifestDigest(byTag, digest.get(), mediaType, samePlatformDigest(wanted, digest.get()));
        }
        RegistryResponse get = call(byTag, path, "GET");
        if (!get.isSuccess()) {
            throw failure(byTag, get, "GET manifest");
        }
        String bodyDigest = sha256(get.body());
        String served = get.header("Docker-Content-Digest").filter(d -> !d.isBlank()).orElse(digest.orElse(bodyDigest));
        if (served.startsWith("sha256:") && !served.equals(bodyDigest)) {
            throw new RegistryException(host, byTag.canonical(), get.status(), null,
                    "manifest body (" + get.body().length + " bytes) hashes to " + bodyDigest + ", not the " + served
                            + " the registry announced; truncated or altered in transit");
        }
        String bodyType = MediaTypes.base(get.header("Content-Type").orElse(mediaType));
        JsonNode manifest = parseJson(byTag, get.body());
        if (bodyType == null || bodyType.equals("application/json")) {
            bodyType = manifest.path("mediaType").asText(null);
        }
        if (!MediaTypes.isIndex(bodyType)) {
            return new ManifestDigest(byTag, served, bodyType, samePlatformDigest(wanted, served));
        }
        return new ManifestDigest(byTag, served, bodyType, platformDigests(manifest, wanted));
    }

    /** All tags of {@code repository} up to {@link #DEFAULT_MAX_TAGS}. */
    public TagList listTags(ImageReference repository) {
        return listTags(repository, DEFAULT_MAX_TAGS);
    }

    /** Tags from {@code /v2/<name>/tags/list}, following {@code Link: <…>; rel="next"} pages up to {@code maxTags}. */
    public TagList listTags(ImageReference repository, int maxTags) {
        if (maxTags < 1) {
            throw new IllegalArgumentException("maxTags must be positive, got " + maxTags);
        }
        List<String> tags = new ArrayList<>();
        String next = "/v2/" + repository.repository() + "/tags/list?n=" + Math.min(TAGS_PAGE_SIZE, maxTags);
        int pages = 0;
        while (next != null) {
            if (tags.size() >= maxTags || ++pages > MAX_TAG_PAGES) {
                return new TagList(tags.subList(0, Math.min(tags.size(), maxTags)), true);
            }
            RegistryResponse page = call(repository, next, "GET");
            if (!page.isSuccess()) {
                throw failure(repository, page, "list tags");
            }
            JsonNode root = parseJson(repository, page.body());
            for (JsonNode tag : root.path("tags")) {
                tags.add(tag.asText());
            }
            next = nextLink(page).orElse(null);
        }
        boolean truncated = tags.size() > maxTags;
        return new TagList(truncated ? tags.subList(0, maxTags) : tags, truncated);
    }

    /** What {@code host} last said about its rate budget, if it said anything. */
    public Optional<RateBudget> budget(String host) {
        return transport.budget(host);
    }

    /** HTTP requests sent so far by this client, retries and token requests included. */
    public long requestsSent() {
        return transport.requestsSent();
    }

    RegistryEndpoints endpoints() {
        return endpoints;
    }

    RegistryTransport transport() {
        return transport;
    }

    SecretResolver secrets() {
        return secrets;
    }

    RegistrySettings settings(String host) {
        return settings.apply(host);
    }

    /** A registry API call with auth: anonymous first, then whatever the 401 challenge asks for. */
    private RegistryResponse call(ImageReference reference, String pathAndQuery, String method) {
        String host = reference.registry();
        URI base = endpoints.registryBase(settings.apply(host));
        URI uri = pathAndQuery.startsWith("http") ? URI.create(pathAndQuery) : URI.create(base + pathAndQuery);
        if (!uri.getScheme().equals(base.getScheme()) || !Objects.equals(uri.getAuthority(), base.getAuthority())) {
            throw new RegistryException(host, reference.canonical(), 0, null,
                    "refusing to follow a link to " + uri.getScheme() + "://" + uri.getAuthority() + ", another host than " + base);
        }
        String scope = "repository:" + reference.repository() + ":pull";
        HttpRequestFactory factory = new HttpRequestFactory(uri, method, host, scope);
        RegistryResponse response = transport.send(host, reference.canonical(), factory::create);
        if (response.status() == 401 && auth.learn(host, scope, response)) {
            response = transport.send(host, reference.canonical(), factory::create);
        }
        return response;
    }

    private final class HttpRequestFactory {
        private final URI uri;
        private final String method;
        private final String host;
        private final String scope;

        HttpRequestFactory(URI uri, String method, String host, String scope) {
            this.uri = uri;
            this.method = method;
            this.host = host;
            this.scope = scope;
        }

        HttpRequest create() {
            HttpRequest.Builder request = transport.request(uri)
                    .header("Accept", uri.getPath().contains("/manifests/") ? MediaTypes.ACCEPT_HEADER : "application/json")
                    .method(method, HttpRequest.BodyPublishers.noBody());
            auth.authorization(host, scope).ifPresent(value -> request.header("Authorization", value));
            return request.build();
        }
    }

    private Optional<String> nextLink(RegistryResponse page) {
        for (String link : page.headers().allValues("Link")) {
            Matcher m = LINK_NEXT.matcher(link);
            if (m.find()) {
                return Optional.of(page.uri().resolve(m.group(1)).toString());
            }
        }
        return Optional.empty();
    }

    private static Map<Platform, String> samePlatformDigest(List<Platform> wanted, String digest) {
        Map<Platform, String> out = new LinkedHashMap<>();
        wanted.forEach(p -> out.put(p, digest));
        return out;
    }

    private static Map<Platform, String> platformDigests(JsonNode index, List<Platform> wanted) {
        Map<Platform, String> out = new LinkedHashMap<>();
        for (Platform platform : wanted) {
            for (JsonNode entry : index.path("manifests")) {
                JsonNode p = entry.path("platform");
                if (!p.hasNonNull("os") || !p.hasNonNull("architecture")) {
                    continue;
                }
                Platform offered = new Platform(p.path("os").asText().toLowerCase(Locale.ROOT),
                        p.path("architecture").asText().toLowerCase(Locale.ROOT), p.path("variant").asText(null));
                if (offered.satisfies(platform) && entry.hasNonNull("digest")) {
                    out.put(platform, entry.path("digest").asText());
                    break;
                }
            }
        }
        return out;
    }

    private static JsonNode parseJson(ImageReference reference, byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new RegistryException(reference.registry(), reference.canonical(), 200, null,
                    "invalid JSON in response (" + body.length + " bytes): " + e.getMessage());
        }
    }

    static RegistryException failure(ImageReference reference, RegistryResponse response, String what) {
        ErrorBody error = ErrorBody.parse(response.body());
        String code = error.code();
        String message = error.message();
        if (code == null && response.body().length == 0) {
            // HEAD answers carry no body; name the usual meaning of the status instead.
            code = switch (response.status()) {
                case 401 -> "UNAUTHORIZED";
                case 403 -> "DENIED";
                case 404 -> what.contains("manifest") ? "MANIFEST_UNKNOWN" : "NAME_UNKNOWN";
                default -> null;
            };
        }
        return new RegistryException(reference.registry(), reference.canonical(), response.status(), code,
                what + " failed" + (message != null ? ": " + message : ""));
    }

    static String sha256(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static String utf8(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Configuration of a {@link RegistryClient}; every part has a production default. */
    public static final class Builder {
        private Function<String, RegistrySettings> settings = RegistrySettings::defaultsFor;
        private SecretResolver secrets = SecretResolver.none();
        private RegistryEndpoints endpoints = RegistryEndpoints.standard();
        private RetryPolicy retry = RetryPolicy.defaults();
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private RandomGenerator random = RandomGenerator.getDefault();

        private Builder() {
        }

        /** Settings per registry host; hosts it answers {@code null} for get {@link RegistrySettings#defaultsFor}. */
        public Builder settings(Function<String, RegistrySettings> settings) {
            Objects.requireNonNull(settings, "settings");
            this.settings = host -> Optional.ofNullable(settings.apply(host)).orElseGet(() -> RegistrySettings.defaultsFor(host));
            return this;
        }

        public Builder settings(Collection<RegistrySettings> known) {
            Map<String, RegistrySettings> byHost = new LinkedHashMap<>();
            known.forEach(s -> byHost.put(s.host(), s));
            return settings(byHost::get);
        }

        public Builder secrets(SecretResolver secrets) {
            this.secrets = Objects.requireNonNull(secrets, "secrets");
            return this;
        }

        public Builder endpoints(RegistryEndpoints endpoints) {
            this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
            return this;
        }

        public Builder retry(RetryPolicy retry) {
            this.retry = Objects.requireNonNull(retry, "retry");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        public RegistryClient build() {
            return new RegistryClient(this);
        }
    }
}
