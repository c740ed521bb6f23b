package io.jenkins.plugins.imagefactory.config;

/**
 * How to talk to one registry.
 *
 * @param host        registry host with optional port, as in image references ({@code ghcr.io},
 *                    {@code localhost:5000}); {@code docker.io} for Docker Hub
 * @param insecure    allow plain HTTP to a host that is not loopback
 * @param credentials a credentials <em>reference</em> for the host's {@code SecretResolver}, or
 *                    {@code null} for anonymous access
 * @param concurrency at most this many requests in flight to the host at once
 */
public record RegistrySettings(String host, boolean insecure, String credentials, int concurrency) {

    public static final int DEFAULT_CONCURRENCY = 4;

    /** Settings for a registry the config does not mention: anonymous, TLS, default limits. */
    public static RegistrySettings defaultsFor(String host) {
        return new RegistrySettings(host, false, null, DEFAULT_CONCURRENCY);
    }
}
