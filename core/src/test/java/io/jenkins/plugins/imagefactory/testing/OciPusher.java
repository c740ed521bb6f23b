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
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes tiny OCI images into a registry through the distribution API (monolithic blob upload,
 * manifest PUT), the way a build would push them. Every image gets a fresh random config blob so
 * each push yields a new digest; the single layer is shared so pushes stay cheap.
 */
public final class OciPusher {

    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    private static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    private static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
    private static final byte[] SHARED_LAYER = "image-factory test layer".getBytes(StandardCharsets.UTF_8);

    /** A manifest or index in the registry. */
    public record Pushed(String digest, long size, String mediaType) {
    }

    private final URI base;
    private final Optional<String> authorization;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    OciPusher(URI base, Optional<String[]> credentials) {
        this.base = base;
        this.authorization = credentials.map(c -> "Basic " + Base64.getEncoder()
                .encodeToString((c[0] + ":" + c[1]).getBytes(StandardCharsets.UTF_8)));
    }

    /** Pushes a fresh single-platform image and tags it; returns its manifest. */
    public Pushed pushImage(String repository, String tag, Platform platform) {
        return pushManifest(repository, tag, platform);
    }

    /** Pushes a fresh single-platform manifest by digest only (no tag), for use in an index. */
    public Pushed pushManifestFor(String repository, Platform platform) {
        return pushManifest(repository, null, platform);
    }

    private Pushed pushManifest(String repository, String tag, Platform platform) {
        String layerDigest = pushBlob(repository, SHARED_LAYER);
        String config = "{\"architecture\":\"" + platform.architecture() + "\",\"os\":\"" + platform.os() + "\","
                + (platform.variant() != null ? "\"variant\":\"" + platform.variant() + "\"," : "")
                + "\"config\":{\"Labels\":{\"nonce\":\"" + UUID.randomUUID() + "\"}},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + layerDigest + "\"]}}";
        byte[] configBytes = config.getBytes(StandardCharsets.UTF_8);
        String configDigest = pushBlob(repository, configBytes);
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\","
                + "\"config\":{\"mediaType\":\"" + OCI_CONFIG + "\",\"digest\":\"" + configDigest + "\",\"size\":" + configBytes.length + "},"
                + "\"layers\":[{\"mediaType\":\"" + OCI_LAYER + "\",\"digest\":\"" + layerDigest + "\",\"size\":" + SHARED_LAYER.length + "}]}";
        byte[] bytes = manifest.getBytes(StandardCharsets.UTF_8);
        String digest = sha256(bytes);
        putManifest(repository, tag != null ? tag : digest, OCI_MANIFEST, bytes);
        return new Pushed(digest, bytes.length, OCI_MANIFEST);
    }

    /** Pushes an OCI index over the given per-platform manifests and tags it. */
    public Pushed pushIndex(String repository, String tag, Map<Platform, Pushed> manifests) {
        StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"manifests\":[");
        String separator = "";
        for (Map.Entry<Platform, Pushed> entry : new java.util.TreeMap<>(manifests).entrySet()) {
            Platform p = entry.getKey();
            json.append(separator).append("{\"mediaType\":\"").append(entry.getValue().mediaType())
                    .append("\",\"digest\":\"").append(entry.getValue().digest())
                    .append("\",\"size\":").append(entry.getValue().size())
                    .append(",\"platform\":{\"architecture\":\"").append(p.architecture()).append("\",\"os\":\"").append(p.os()).append('"')
                    .append(p.variant() != null ? ",\"variant\":\"" + p.variant() + "\"" : "").append("}}");
            separator = ",";
        }
        byte[] bytes = json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        putManifest(repository, tag, OCI_INDEX, bytes);
        return new Pushed(sha256(bytes), bytes.length, OCI_INDEX);
    }

    /** Uploads a blob unless the registry has it already; returns its digest. */
    public String pushBlob(String repository, byte[] content) {
        String digest = sha256(content);
        HttpResponse<Void> exists = send(request("/v2/" + repository + "/blobs/" + digest)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.discarding());
        if (exists.statusCode() == 200) {
            return digest;
        }
        HttpResponse<String> start = send(request("/v2/" + repository + "/blobs/uploads/")
                .POST(HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.ofString());
        expect(start, 202, "blob upload start");
        String location = start.headers().firstValue("location").orElseThrow();
        URI upload = base.resolve(location);
        URI put = URI.create(upload + (upload.getQuery() == null ? "?" : "&") + "digest=" + digest);
        HttpRequest.Builder builder = HttpRequest.newBuilder(put).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofByteArray(content));
        authorization.ifPresent(a -> builder.header("Authorization", a));
        expect(send(builder, HttpResponse.BodyHandlers.ofString()), 201, "blob upload");
        return digest;
    }

    private void putManifest(String repository, String reference, String mediaType, byte[] bytes) {
        HttpResponse<String> response = send(request("/v2/" + repository + "/manifests/" + reference)
                .header("Content-Type", mediaType).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)), HttpResponse.BodyHandlers.ofString());
        expect(response, 201, "manifest put " + repository + ":" + reference);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
        authorization.ifPresent(a -> builder.header("Authorization", a));
        return builder;
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
        try {
            return client.send(request.build(), handler);
        } catch (IOException e) {
            throw new IllegalStateException("push to " + base + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + ": expected HTTP " + status + ", got " + response.statusCode() + " " + response.body());
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
