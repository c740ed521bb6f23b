package io.jenkins.plugins.imagefactory.config;

import io.jenkins.plugins.imagefactory.net.EgressPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything in {@code image-factory.yaml}.
 *
 * @param defaultRebuild rebuild policy for enrollments that do not set their own
 * @param defaultOwner   Backstage owner for base images and enrollments without an owner
 * @param registries     per-registry settings; registries not listed use {@link RegistrySettings#defaultsFor}
 * @param sources        credentials for reading source repositories, by URL prefix (longest prefix wins)
 * @param github         GitHub API settings, or {@code null} when no enrollment builds with GitHub Actions
 * @param jenkins        remote Jenkins settings, or {@code null}
 * @param paths          where enrollments, state, events and catalog live in the config repo
 * @param syncInterval   how often the periodic reconcile runs
 * @param egress         where outbound calls may go ({@code egress.allow}); unrestricted by default
 * @param tagCacheTtl    how long a page of registry tags is answered from memory before the registry is asked again
 */
public record GlobalSettings(RebuildPolicy defaultRebuild, String defaultOwner, List<RegistrySettings> registries,
                             List<SourceAccess> sources, GitHubSettings github, JenkinsSettings jenkins,
                             ConfigPaths paths, Duration syncInterval, EgressPolicy egress, Duration tagCacheTtl) {

    public static final Duration DEFAULT_SYNC_INTERVAL = Duration.ofHours(1);
    /** A tag page costs one tag listing plus one manifest request per tag: Docker Hub counts them against its pull limit. */
    public static final Duration DEFAULT_TAG_CACHE_TTL = Duration.ofMinutes(10);
    public static final Duration MAX_TAG_CACHE_TTL = Duration.ofDays(1);
    public static final String DEFAULT_OWNER = "group:default/platform";
    public static final GlobalSettings DEFAULT = new GlobalSettings(RebuildPolicy.DEFAULT, DEFAULT_OWNER, List.of(),
            List.of(), null, null, ConfigPaths.DEFAULT, DEFAULT_SYNC_INTERVAL, EgressPolicy.ALLOW_ALL, DEFAULT_TAG_CACHE_TTL);

    public GlobalSettings {
        registries = List.copyOf(registries);
        sources = List.copyOf(sources);
        egress = egress == null ? EgressPolicy.ALLOW_ALL : egress;
    }

    /**
     * Credentials for source repositories whose URL starts with {@code prefix}.
     *
     * @param prefix      URL prefix such as {@code https://github.com/acme/}
     * @param credentials credentials reference
     */
    public record SourceAccess(String prefix, String credentials) {
    }

    /** The settings for a registry host, configured or default. */
    public RegistrySettings registry(String host) {
        return registries.stream().filter(r -> r.host().equals(host)).findFirst()
                .orElseGet(() -> RegistrySettings.defaultsFor(host));
    }

    public Optional<GitHubSettings> gitHub() {
        return Optional.ofNullable(github);
    }

    public Optional<JenkinsSettings> remoteJenkins() {
        return Optional.ofNullable(jenkins);
    }

    /**
     * @param apiUrl      REST API root, {@code https://api.github.com} or a GitHub Enterprise {@code /api/v3}
     * @param credentials credentials reference of a token
     */
    public record GitHubSettings(String apiUrl, String credentials) {
        public static final String DEFAULT_API_URL = "https://api.github.com";
    }

    /**
     * @param url         Jenkins root URL
     * @param credentials credentials reference of user + API token
     */
    public record JenkinsSettings(String url, String credentials) {
    }

    /**
     * Paths inside the config repo, relative to its root.
     *
     * @param images  folder scanned for enrollment files
     * @param state   folder of per-image runtime state
     * @param events  folder of the monthly audit logs
     * @param catalog folder of generated Backstage entities
     */
    public record ConfigPaths(String images, String state, String events, String catalog) {
        public static final ConfigPaths DEFAULT = new ConfigPaths("images", "state", "state/events", "catalog");
    }
}
