package io.jenkins.plugins.imagefactory.registry;

import io.jenkins.plugins.imagefactory.config.RegistrySettings;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where the HTTP APIs behind a registry host live. By default: {@code https://<host>}, plain HTTP
 * only for loopback hosts or registries configured {@code insecure: true}; Docker Hub's registry
 * API at {@code registry-1.docker.io}, its tag API at {@code hub.docker.com}; GitHub's REST API at
 * {@code api.github.com}. Tests override any of them to point at a stand-in server.
 *
 * @param registryOverrides registry host (as in image references) to API base URL
 * @param dockerHubApi      base of Docker Hub's web API ({@code /v2/namespaces/...})
 * @param githubApi         base of GitHub's REST API ({@code /orgs/...})
 */
public record RegistryEndpoints(Map<String, URI> registryOverrides, URI dockerHubApi, URI githubApi) {

    public static final String DOCKER_HUB_REGISTRY_API_HOST = "registry-1.docker.io";
    public static final String GITHUB_CONTAINER_REGISTRY = "ghcr.io";

    public RegistryEndpoints {
        registryOverrides = Map.copyOf(registryOverrides);
        Objects.requireNonNull(dockerHubApi, "dockerHubApi");
        Objects.requireNonNull(githubApi, "githubApi");
    }

    public static RegistryEndpoints standard() {
        return new RegistryEndpoints(Map.of(), URI.create("https://hub.docker.com"), URI.create("https://api.github.com"));
    }

    /** The same endpoints, with the registry API of {@code host} served at {@code base}. */
    public RegistryEndpoints withRegistry(String host, URI base) {
        Map<String, URI> copy = new HashMap<>(registryOverrides);
        copy.put(host, base);
        return new RegistryEndpoints(copy, dockerHubApi, githubApi);
    }

    public RegistryEndpoints withDockerHubApi(URI base) {
        return new RegistryEndpoints(registryOverrides, base, githubApi);
    }

    public RegistryEndpoints withGithubApi(URI base) {
        return new RegistryEndpoints(registryOverrides, dockerHubApi, base);
    }

    /** Base URL of the distribution API ({@code <base>/v2/...}) for a registry. */
    public URI registryBase(RegistrySettings settings) {
        URI override = registryOverrides.get(settings.host());
        if (override != null) {
            return override;
        }
        String apiHost = ImageReference.DOCKER_HUB.equals(settings.host()) ? DOCKER_HUB_REGISTRY_API_HOST : settings.host();
        boolean plain = settings.insecure() || isLoopback(settings.host());
        return URI.create((plain ? "http://" : "https://") + apiHost);
    }

    /**
     * Whether a registry host (with optional port) is this machine: {@code localhost},
     * {@code 127.0.0.0/8} or {@code ::1}. Decided from the text alone, never by DNS, so a name that
     * happens to resolve to loopback does not downgrade to plain HTTP.
     */
    public static boolean isLoopback(String hostWithPort) {
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
        if (host.equalsIgnoreCase("localhost")) {
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
}
