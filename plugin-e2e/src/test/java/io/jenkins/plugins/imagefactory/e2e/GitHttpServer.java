package io.jenkins.plugins.imagefactory.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A git server over smart HTTP, as GitHub or Gitea serve repositories: git's own
 * {@code git http-backend} (CGI) behind the JDK's HTTP server, for every bare repository under one
 * folder ({@code http://127.0.0.1:PORT/git/NAME.git}). Requests need basic authentication with the
 * given user and password; pushes can be held back to catch a client in the middle of one.
 */
final class GitHttpServer implements AutoCloseable {

    /** One request, as the server saw it. */
    record Seen(String method, String path, String user) {
    }

    private final Path root;
    private final String user;
    private final String password;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "git-http");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch pushGate = new CountDownLatch(0);
    private volatile CountDownLatch pushArrived = new CountDownLatch(1);

    private GitHttpServer(Path root, String user, String password) throws IOException {
        this.root = root;
        this.user = user;
        this.password = password;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/git/", this::handle);
        server.setExecutor(threads);
    }

    static GitHttpServer start(Path root, String user, String password) throws IOException {
        GitHttpServer git = new GitHttpServer(root, user, password);
        git.server.start();
        return git;
    }

    /** The clone URL of {@code root/NAME.git}. */
    String url(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/git/" + name + ".git";
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    /** From now on pushes wait (until {@link #releasePushes()}); returns a latch that opens when one arrives. */
    CountDownLatch holdPushes() {
        pushArrived = new CountDownLatch(1);
        pushGate = new CountDownLatch(1);
        return pushArrived;
    }

    void releasePushes() {
        pushGate.countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String requestUser = authenticatedUser(exchange);
            seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), requestUser));
            if (requestUser == null) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            String path = exchange.getRequestURI().getPath().substring("/git".length());
            String query = exchange.getRequestURI().getRawQuery();
            boolean push = path.endsWith("/git-receive-pack") || (query != null && query.contains("service=git-receive-pack"));
            if (push && "POST".equals(exchange.getRequestMethod())) {
                pushArrived.countDown();
                if (!pushGate.await(5, TimeUnit.MINUTES)) {
                    exchange.sendResponseHeaders(503, -1);
                    return;
                }
            }
            cgi(exchange, path, query, requestUser);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String authenticatedUser(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith("Basic ")) {
            return null;
        }
        String pair = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        return pair.equals(user + ":" + password) ? user : null;
    }

    private void cgi(HttpExchange exchange, String path, String query, String remoteUser) throws IOException, InterruptedException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        ProcessBuilder builder = new ProcessBuilder("git", "http-backend");
        Map<String, String> env = builder.environment();
        env.put("GIT_PROJECT_ROOT", root.toString());
        env.put("GIT_HTTP_EXPORT_ALL", "1");
        env.put("PATH_INFO", path);
        env.put("REQUEST_METHOD", exchange.getRequestMethod());
        env.put("QUERY_STRING", query == null ? "" : query);
        env.put("REMOTE_USER", remoteUser);
        env.put("REMOTE_ADDR", "127.0.0.1");
        env.put("CONTENT_LENGTH", String.valueOf(body.length));
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType != null) {
            env.put("CONTENT_TYPE", contentType);
        }
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        if (encoding != null) {
            env.put("HTTP_CONTENT_ENCODING", encoding);
        }
        String protocol = exchange.getRequestHeaders().getFirst("Git-Protocol");
        if (protocol != null) {
            env.put("GIT_PROTOCOL", protocol);
        }
        Process process = builder.redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Thread writer = new Thread(() -> {
            try (OutputStream in = process.getOutputStream()) {
                in.write(body);
            } catch (IOException ignored) {
                // the backend stops reading on a bad request; its answer says why
            }
        }, "git-http-body");
        writer.start();
        byte[] output;
        try (InputStream out = process.getInputStream()) {
            output = out.readAllBytes();
        }
        process.waitFor(1, TimeUnit.MINUTES);
        writer.join(10_000);
        respond(exchange, output);
    }

    /** CGI output: header lines, a blank line, the body; {@code Status:} sets the HTTP status. */
    private static void respond(HttpExchange exchange, byte[] output) throws IOException {
        int split = indexOf(output, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        int skip = 4;
        if (split < 0) {
            split = indexOf(output, "\n\n".getBytes(StandardCharsets.US_ASCII));
            skip = 2;
        }
        if (split < 0) {
            exchange.sendResponseHeaders(502, -1);
            return;
        }
        int status = 200;
        for (String line : new String(output, 0, split, StandardCharsets.ISO_8859_1).split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Status")) {
                status = Integer.parseInt(value.split(" ")[0]);
            } else {
                exchange.getResponseHeaders().add(name, value);
            }
        }
        int length = output.length - split - skip;
        exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
        if (length > 0) {
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(output, split + skip, length);
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() {
        pushGate.countDown();
        server.stop(0);
        threads.shutdownNow();
    }

    static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
