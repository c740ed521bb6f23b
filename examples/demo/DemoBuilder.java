import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's stand-in for a CI system, run with the JDK's source launcher (no build step):
 *
 * <pre>
 *   java DemoBuilder.java push REGISTRY_HOST/REPOSITORY:TAG     push a fresh tiny image, print its digest
 *   java DemoBuilder.java push-timed REGISTRY_HOST/REPO:TAG     the same, then the epoch millis the push completed
 *   java DemoBuilder.java serve PORT                            receive Image Factory webhook triggers and
 *                                                               "build" each image by pushing a new digest
 * </pre>
 *
 * A real builder would run docker buildx with the digests from the context; this one only pushes a
 * new image through the registry API so the loop can be watched end to end.
 */
public final class DemoBuilder {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern FIRST_REFERENCE = Pattern.compile("\"references\"\\s*:\\s*\\[\\s*\"([^\"]+)\"");
    private static final Pattern IMAGE = Pattern.compile("\"image\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("push")) {
            System.out.println(push(args[1]));
        } else if (args.length == 2 && args[0].equals("push-timed")) {
            String digest = push(args[1]);
            System.out.println(digest + " " + System.currentTimeMillis());
        } else if (args.length == 2 && args[0].equals("serve")) {
            serve(Integer.parseInt(args[1]));
        } else {
            System.err.println("usage: java DemoBuilder.java push HOST/REPO:TAG | serve PORT");
            System.exit(2);
        }
    }

    private static void serve(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(Executors.newSingleThreadExecutor());
        server.createContext("/build", exchange -> {
            String context = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
            Matcher reference = FIRST_REFERENCE.matcher(context);
            Matcher image = IMAGE.matcher(context);
            if (!reference.find()) {
                System.err.println("builder: no reference in the context: " + context);
                return;
            }
            String name = image.find() ? image.group(1) : reference.group(1);
            System.out.println("   builder: building " + name + " (key " + exchange.getRequestHeaders().getFirst("X-Image-Factory-Key")
                    + ")");
            try {
                Thread.sleep(1500);
                String digest = push(reference.group(1));
                System.out.println("   builder: pushed " + reference.group(1) + "@" + digest.substring(0, 19) + "…");
            } catch (Exception e) {
                System.err.println("builder: push failed: " + e.getMessage());
            }
        });
        server.start();
        System.out.println("builder listening on http://127.0.0.1:" + port + "/build");
    }

    /** Pushes a one-layer image with a fresh config (so a fresh digest) and tags it. */
    static String push(String reference) throws Exception {
        int slash = reference.indexOf('/');
        int colon = reference.lastIndexOf(':');
        String registry = reference.substring(0, slash);
        String repository = reference.substring(slash + 1, colon);
        String tag = reference.substring(colon + 1);
        String base = "http://" + registry + "/v2/" + repository;
        byte[] layer = "image factory demo layer".getBytes(StandardCharsets.UTF_8);
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{\"build\":\"" + UUID.randomUUID()
                + "\"}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}").getBytes(StandardCharsets.UTF_8);
        String layerDigest = blob(base, layer);
        String configDigest = blob(base, config);
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest
                + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\","
                + "\"digest\":\"" + layerDigest + "\",\"size\":" + layer.length + "}]}";
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/manifests/" + tag))
                .header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
                .PUT(HttpRequest.BodyPublishers.ofString(manifest)).build(), HttpResponse.BodyHandlers.ofString());
        if (put.statusCode() != 201) {
            throw new IOException("manifest PUT answered " + put.statusCode() + ": " + put.body());
        }
        return sha256(manifest.getBytes(StandardCharsets.UTF_8));
    }

    private static String blob(String base, byte[] content) throws Exception {
        String digest = sha256(content);
        HttpResponse<String> start = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        String location = start.headers().firstValue("Location").orElseThrow(() -> new IOException("no upload location"));
        URI upload = URI.create(base).resolve(location);
        String separator = upload.getQuery() == null ? "?" : "&";
        HttpResponse<String> done = HTTP.send(HttpRequest.newBuilder(URI.create(upload + separator + "digest=" + digest))
                .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (done.statusCode() != 201) {
            throw new IOException("blob PUT answered " + done.statusCode() + ": " + done.body());
        }
        return digest;
    }

    private static String sha256(byte[] content) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
