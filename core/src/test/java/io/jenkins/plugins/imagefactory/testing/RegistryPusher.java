package io.jenkins.plugins.imagefactory.testing;

import io.jenkins.plugins.imagefactory.image.Platform;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes tiny OCI images and indexes to a registry through the distribution API (monolithic blob
 * upload, manifest PUT). Every image gets a random config blob, so every push is a new digest;
 * the layer is shared so pushes stay cheap.
 */
public final class RegistryPusher {

    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    private static final byte[] LAYER = "image-factory test layer".getBytes(StandardCharsets.UTF_8);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI base;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final Set<String> uploaded = ConcurrentHashMap.newKeySet();

    /** A manifest or index as an index entry names it. */
    public record Pushed(String digest, long size, String mediaType, Platform platform) {
    }

    RegistryPusher(URI base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    /** Pushes a single-platform image under {@code tag}; answers its manifest digest. */
    public String pushImage(String repository, String tag, Platform platform) {
        Pushed manifest = pushManifest(repository, platform, tag);
        return manifest.digest();
    }

    /** Pushes a fresh image manifest for {@code platform}, by digest only (no tag). */
    public Pushed pushManifest(String repository, Platform platform) {
        return pushManifest(repository, platform, null);
    }

    /** Pushes an OCI index of {@code manifests} under {@code tag}; answers its digest. */
    public String pushIndex(String repository, String tag, List<Pushed> manifests) {
        StringBuilder entries = new StringBuilder();
        for (Pushed m : manifests) {
            if (!entries.isEmpty()) {
                entries.append(',');
            }
            entries.append("{\"mediaType\":\"").append(m.mediaType()).append("\",\"digest\":\"").append(m.digest())
                    .append("\",\"size\":").append(m.size()).append(",\"platform\":{\"os\":\"").append(m.platform().os())
                    .append("\",\"architecture\":\"").append(m.platform().architecture()).append('"');
            if (m.platform().variant() != null) {
                entries.append(",\"variant\":\"").append(m.platform().variant()).append('"');
            }
            entries.append("}}");
        }
        byte[] index = ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"manifests\":[" + entries + "]}")
                .getBytes(StandardCharsets.UTF_8);
        putManifest(repository, tag, OCI_INDEX, index);
        return digest(index);
    }

    private Pushed pushManifest(String repository, Platform platform, String tag) {
        String configJson = "{\"architecture\":\"" + platform.architecture() + "\",\"os\":\"" + platform.os() + "\","
                + (platform.variant() != null ? "\"variant\":\"" + platform.variant() + "\"," : "")
                + "\"config\":{\"Labels\":{\"nonce\":\"" + UUID.randomUUID() + "\"}},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + digest(LAYER) + "\"]}}";
        byte[] config = configJson.getBytes(StandardCharsets.UTF_8);
        pushBlob(repository, LAYER);
        pushBlob(repository, config);
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + digest(config)
                + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\","
                + "\"digest\":\"" + digest(LAYER) + "\",\"size\":" + LAYER.length + "}]}").getBytes(StandardCharsets.UTF_8);
        String reference = tag != null ? tag : digest(manifest);
        putManifest(repository, reference, OCI_MANIFEST, manifest);
        return new Pushed(digest(manifest), manifest.length, OCI_MANIFEST, platform);
    }

    private void putManifest(String repository, String reference, String mediaType, byte[] body) {
        HttpResponse<String> put = send(request(repository + "/manifests/" + reference)
                .header("Content-Type", mediaType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)), HttpResponse.BodyHandlers.ofString());
        if (put.statusCode() != 201) {
            throw new AssertionError("manifest PUT " + repository + ":" + reference + " answered " + put.statusCode() + ": " + put.body());
        }
    }

    private void pushBlob(String repository, byte[] blob) {
        String digest = digest(blob);
        if (uploaded.contains(repository + "@" + digest)) {
            return;
        }
        HttpResponse<Void> start = send(request(repository + "/blobs/uploads/").POST(HttpRequest.BodyPublishers.noBody()),
                HttpResponse.BodyHandlers.discarding());
        if (start.statusCode() != 202) {
            throw new AssertionError("blob upload start for " + repository + " answered " + start.statusCode());
        }
        URI upload = base.resolve(start.headers().firstValue("Location").orElseThrow());
        String separator = upload.getQuery() == null ? "?" : "&";
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(upload + separator + "digest=" + digest))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(blob));
        if (authorization != null) {
            put.header("Authorization", authorization);
        }
        HttpResponse<String> done = send(put, HttpResponse.BodyHandlers.ofString());
        if (done.statusCode() != 201) {
            throw new AssertionError("blob upload " + digest + " answered " + done.statusCode() + ": " + done.body());
        }
        uploaded.add(repository + "@" + digest);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve("/v2/" + path)).timeout(TIMEOUT);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request.build(), handler);
        } catch (IOException e) {
            throw new AssertionError("push to " + base + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    public static String digest(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
