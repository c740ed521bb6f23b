package io.jenkins.plugins.imagefactory.cli.serve;

import io.jenkins.plugins.imagefactory.api.ApiRequest;
import io.jenkins.plugins.imagefactory.api.ApiResponse;
import io.jenkins.plugins.imagefactory.api.ApiRoute;
import io.jenkins.plugins.imagefactory.api.PathSegments;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.jenkins.plugins.imagefactory.webhook.WebhookRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one {@link HttpHandler}: turns an exchange into a {@link ApiRequest}, asks each route group in
 * turn, writes the {@link ApiResponse}, and logs one line per request (method, path, status, reason;
 * never the query string or a header value).
 */
final class Dispatcher implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final List<ApiRoute> routes;
    private final int maxBodyBytes;

    Dispatcher(List<ApiRoute> routes, int maxBodyBytes) {
        this.routes = List.copyOf(routes);
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = exchange.getRequestURI().getRawPath();
        ApiResponse response;
        try {
            response = answer(exchange, method, path);
        } catch (Exception | StackOverflowError unexpected) {
            LOG.warn("{} {} failed unexpectedly", method, path, unexpected);
            // A webhook sender retries on 5xx; 503 says "not now" rather than "this server is broken".
            response = path.startsWith("/webhook/")
                    ? ApiResponse.error(503, "the webhook could not be processed right now; retry later")
                    : ApiResponse.error(500, "internal error while answering " + method + " " + path + "; see the server log");
        }
        // Logged before the answer leaves, so the line exists by the time the client sees the status.
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (response.status() >= 500) {
            LOG.warn("{} {} -> {} ({} ms){}", method, path, response.status(), millis, note(response));
        } else if (isRoutineRead(method, path, response.status())) {
            // Pages, probes and scrapes repeat all day; webhooks, writes and refusals tell the story.
            LOG.debug("{} {} -> {} ({} ms)", method, path, response.status(), millis);
        } else {
            LOG.info("{} {} -> {} ({} ms){}", method, path, response.status(), millis, note(response));
        }
        write(exchange, method, response);
    }

    private ApiResponse answer(HttpExchange exchange, String method, String path) throws Exception {
        Optional<List<String>> segments = PathSegments.decode(path);
        if (segments.isEmpty()) {
            return ApiResponse.error(400, "the path has a malformed %-escape");
        }
        byte[] body = readCapped(exchange.getRequestBody(), maxBodyBytes + 1);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
        ApiRequest request = new ApiRequest(method, path, segments.get(),
                WebhookRequest.parseQueryString(exchange.getRequestURI().getRawQuery()), headers, body);
        for (ApiRoute route : routes) {
            Optional<ApiResponse> response = route.handle(request);
            if (response.isPresent()) {
                return response.get();
            }
        }
        return ApiResponse.error(404, "no such page or API route: " + path);
    }

    /** Reads at most {@code limit} bytes: enough to tell "too big" without buffering a flood. */
    static byte[] readCapped(InputStream in, int limit) throws IOException {
        return in.readNBytes(limit);
    }

    private static void write(HttpExchange exchange, String method, ApiResponse response) throws IOException {
        try (exchange) {
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            boolean head = "HEAD".equals(method);
            exchange.sendResponseHeaders(response.status(), head || response.body().length == 0 ? -1 : response.body().length);
            if (!head && response.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        }
    }

    static boolean isRoutineRead(String method, String path, int status) {
        return status < 400 && ("GET".equals(method) || "HEAD".equals(method)) && !path.startsWith("/webhook/");
    }

    private static String note(ApiResponse response) {
        return response.note() == null ? "" : ": " + response.note();
    }
}
