package io.jenkins.plugins.imagefactory.registry;

import io.jenkins.plugins.imagefactory.config.RegistrySettings;
import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where the API of a registry host lives. {@code docker.io} is served by
 * {@code registry-1.docker.io}; loopback hosts and hosts configured {@code insecure: true} are
 * spoken to over plain HTTP, every other host over HTTPS only. Tests override a host's base URL
 * so that WireMock can stand in for Docker Hub or GHCR, and override the Docker Hub and GitHub
 * REST API bases the same way.
 */
public final class RegistryEndpoints {

    public static final URI DOCKER_HUB_REGISTRY = URI.create("https://registry-1.docker.io");
    public static final URI DOCKER_HUB_API = URI.create("https://hub.docker.com");
    public static final URI GITHUB_API = URI.create("https://api.github.com");

    private final Map<String, URI> overrides;
    private final URI dockerHubApi;
    private final URI githubApi;

    private RegistryEndpoints(Map<String, URI> overrides, URI dockerHubApi, URI githubApi) {
        this.overrides = Map.copyOf(overrides);
        this.dockerHubApi = dockerHubApi;
        this.githubApi = githubApi;
    }

    public static RegistryEndpoints standard() {
        return new RegistryEndpoints(Map.of(), DOCKER_HUB_API, GITHUB_API);
    }

    /** The same endpoints, but the registry API of {@code host} at {@code baseUrl} (e.g. a WireMock server). */
    public RegistryEndpoints withRegistry(String host, URI baseUrl) {
        Map<String, URI> next = new HashMap<>(overrides);
        next.put(host.toLowerCase(Locale.ROOT), stripSlash(baseUrl));
        return new RegistryEndpoints(next, dockerHubApi, githubApi);
    }

    public RegistryEndpoints withDockerHubApi(URI baseUrl) {
        return new RegistryEndpoints(overrides, stripSlash(baseUrl), githubApi);
    }

    public RegistryEndpoints withGithubApi(URI baseUrl) {
        return new RegistryEndpoints(overrides, dockerHubApi, stripSlash(baseUrl));
    }

    /**
     * The base URL (scheme, host, port; no path) of the registry API for {@code settings.host()}.
     */
    public URI registryBase(RegistrySettings settings) {
        Objects.requireNonNull(settings, "settings");
        String host = settings.host().toLowerCase(Locale.ROOT);
        URI override = overrides.get(host);
        if (override != null) {
            return override;
        }
        if (host.equals("docker.io")) {
            return DOCKER_HUB_REGISTRY;
        }
        String scheme = settings.insecure() || isLoopback(host) ? "http" : "https";
        return URI.create(scheme + "://" + host);
    }

    public URI dockerHubApi() {
        return dockerHubApi;
    }

    public URI githubApi() {
        return githubApi;
    }

    /** {@code localhost}, {@code 127.0.0.0/8} and {@code ::1}, with or without a port. */
    static boolean isLoopback(String hostWithPort) {
        String host = hostWithPort;
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            host = close < 0 ? host : host.substring(1, close);
            return host.equals("::1") || host.equals("0:0:0:0:0:0:0:1");
        }
        int colon = host.indexOf(':');
        if (colon >= 0) {
            host = host.substring(0, colon);
        }
        if (host.equals("localhost")) {
            return true;
        }
        String[] octets = host.split("\\.", -1);
        if (octets.length != 4 || !octets[0].equals("127")) {
            return false;
        }
        for (String octet : octets) {
            if (!octet.matches("\\d{1,3}") || Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }

    private static URI stripSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
    }
}
