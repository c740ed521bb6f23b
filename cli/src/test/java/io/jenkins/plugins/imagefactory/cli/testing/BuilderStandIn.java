package io.jenkins.plugins.imagefactory.cli.testing;

import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.image.Platform;
import io.jenkins.plugins.imagefactory.testing.OciPusher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A webhook build system on loopback, as a team's CI would be: it receives Image Factory's rebuild
 * context and either only accepts it (the build "runs" until someone reports), or really builds by
 * pushing a new digest of the image to the registry, or refuses it (400: a build that cannot
 * start). Stopped, its port refuses connections, as a builder that is down does.
 */
public final class BuilderStandIn implements AutoCloseable {

    public enum Mode { ACCEPT, PUSH, FAIL }

    /** One rebuild request as the builder received it. */
    public record Received(String key, String image, String body) {
    }

    private static final Pattern FIRST_REFERENCE = Pattern.compile("\"references\"\\s*:\\s*\\[\\s*\"([^\"]+)\"");
    private static final Pattern IMAGE = Pattern.compile("\"image\"\\s*:\\s*\"([^\"]+)\"");

    private final OciPusher pusher;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final int port;
    private HttpServer server;
    private volatile Mode mode = Mode.ACCEPT;

    public BuilderStandIn(OciPusher pusher) {
        this.pusher = pusher;
        this.server = listen(0);
        this.port = server.getAddress().getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/build";
    }

    public BuilderStandIn mode(Mode next) {
        this.mode = next;
        return this;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Stops answering: its port now refuses connections. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Answers again, on the same port. */
    public synchronized void start() {
        if (server == null) {
            server = listen(port);
        }
    }

    private HttpServer listen(int on) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), on), 0);
            http.createContext("/build", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Matcher image = IMAGE.matcher(body);
                received.add(new Received(exchange.getRequestHeaders().getFirst("X-Image-Factory-Key"),
                        image.find() ? image.group(1) : null, body));
                Mode now = mode;
                if (now == Mode.FAIL) {
                    byte[] refusal = "{\"error\":\"no such build job\"}".getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(400, refusal.length);
                    exchange.getResponseBody().write(refusal);
                    exchange.close();
                    return;
                }
                byte[] answer = "{\"url\":\"https://ci.example.com/run/42\"}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(202, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
                if (now == Mode.PUSH) {
                    Matcher reference = FIRST_REFERENCE.matcher(body);
                    if (reference.find()) {
                        ImageReference built = ImageReference.parse(reference.group(1));
                        pusher.pushImage(built.repository(), built.tag(), Platform.LINUX_AMD64);
                    }
                }
            });
            http.start();
            return http;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the builder stand-in", e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
