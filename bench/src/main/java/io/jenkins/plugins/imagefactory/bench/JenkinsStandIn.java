package io.jenkins.plugins.imagefactory.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A remote Jenkins as the engine's trigger talks to it: {@code buildWithParameters} answers 201
 * with a queue item, the queue item names its build, the build has succeeded, and the job's build
 * list carries each build's {@code IMAGE_FACTORY_KEY} so a restarted engine finds what it already
 * dispatched. It counts dispatches per key. Job {@code echo} answers 400 with every request header
 * and the decoded basic credentials, as careless servers and proxies do.
 */
final class JenkinsStandIn implements AutoCloseable {

    private record Build(String job, int number, String key) {
    }

    private final HttpServer server;
    private final Map<String, AtomicInteger> dispatchesByKey = new ConcurrentHashMap<>();
    private final List<Build> builds = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicInteger numbers = new AtomicInteger();
    private final AtomicInteger echoes = new AtomicInteger();

    private JenkinsStandIn(HttpServer server) {
        this.server = server;
    }

    static JenkinsStandIn start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        JenkinsStandIn jenkins = new JenkinsStandIn(server);
        server.createContext("/", jenkins::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
        return jenkins;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String[] segments = path.split("/");
        if (path.startsWith("/crumbIssuer")) {
            answer(exchange, 404, "");
        } else if (path.endsWith("/buildWithParameters")) {
            String job = segments[2];
            if (job.equals("echo")) {
                echoes.incrementAndGet();
                answer(exchange, 400, echo(exchange));
                return;
            }
            String key = form(body).getOrDefault("IMAGE_FACTORY_KEY", "");
            Build build = new Build(job, numbers.incrementAndGet(), key);
            builds.add(build);
            dispatchesByKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            exchange.getResponseHeaders().add("Location", url() + "/queue/item/" + build.number() + "/");
            answer(exchange, 201, "");
        } else if (path.startsWith("/queue/item/")) {
            int number = Integer.parseInt(segments[3]);
            Build build = builds.stream().filter(b -> b.number() == number).findFirst().orElse(null);
            answer(exchange, build == null ? 404 : 200, build == null ? "" : "{\"executable\":{\"url\":\"" + buildUrl(build) + "\"}}");
        } else if (segments.length >= 4 && segments[1].equals("job") && segments[3].matches("[0-9]+")) {
            int number = Integer.parseInt(segments[3]);
            Build build = builds.stream().filter(b -> b.number() == number).findFirst().orElse(null);
            answer(exchange, build == null ? 404 : 200, build == null ? "" : json(build));
        } else if (segments.length >= 3 && segments[1].equals("job")) {
            String job = segments[2];
            answer(exchange, 200, "{\"builds\":[" + builds.stream().filter(b -> b.job().equals(job)).map(this::json)
                    .collect(Collectors.joining(",")) + "]}");
        } else {
            answer(exchange, 404, "");
        }
    }

    private String buildUrl(Build build) {
        return url() + "/job/" + build.job() + "/" + build.number() + "/";
    }

    private String json(Build build) {
        return "{\"number\":" + build.number() + ",\"url\":\"" + buildUrl(build) + "\",\"building\":false,\"result\":\"SUCCESS\","
                + "\"timestamp\":" + System.currentTimeMillis() + ",\"duration\":1000,\"actions\":[{\"parameters\":["
                + "{\"name\":\"IMAGE_FACTORY_KEY\",\"value\":\"" + build.key() + "\"}]}]}";
    }

    private static String echo(HttpExchange exchange) {
        StringBuilder text = new StringBuilder("Bad request. You sent:\n");
        exchange.getRequestHeaders().forEach((name, values) -> text.append(name).append(": ").append(String.join(",", values))
                .append('\n'));
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null && authorization.startsWith("Basic ")) {
            text.append("user: ").append(new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new java.util.HashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                out.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    int dispatches() {
        return builds.size();
    }

    int keys() {
        return dispatchesByKey.size();
    }

    int echoes() {
        return echoes.get();
    }

    /** Dispatches beyond the first of each key: each is a build run twice. */
    int duplicateDispatches() {
        return dispatchesByKey.values().stream().mapToInt(count -> count.get() - 1).sum();
    }

    List<String> duplicatedKeys() {
        List<String> out = new ArrayList<>();
        dispatchesByKey.forEach((key, count) -> {
            if (count.get() > 1) {
                out.add(key + " x" + count.get());
            }
        });
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
