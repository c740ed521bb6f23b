package io.jenkins.plugins.imagefactory.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jenkins.plugins.imagefactory.state.StateMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a route answers: status, content type, bytes, extra headers.
 *
 * @param note a short, secret-free reason for the access log (an error message), or {@code null}
 */
public record ApiResponse(int status, String contentType, byte[] body, Map<String, String> headers, String note) {

    public static final String JSON = "application/json";
    public static final String HTML = "text/html; charset=utf-8";
    public static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

    public ApiResponse {
        headers = Map.copyOf(headers);
    }

    public static ApiResponse json(int status, Object value) {
        try {
            return new ApiResponse(status, JSON, StateMapper.json().writeValueAsBytes(value), Map.of(), null);
        } catch (JsonProcessingException e) {
            // Every value served is a record of strings, numbers and times; failing here is a bug.
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** JSON serialised beforehand (and shared: nobody may change the bytes). */
    public static ApiResponse serialisedJson(int status, byte[] json) {
        return new ApiResponse(status, JSON, json, Map.of(), null);
    }

    /** {@code {"error": message}}, plus any extra fields. */
    public static ApiResponse error(int status, String message, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.putAll(extra);
        ApiResponse json = json(status, body);
        return new ApiResponse(status, JSON, json.body(), Map.of(), message);
    }

    public static ApiResponse error(int status, String message) {
        return error(status, message, Map.of());
    }

    public static ApiResponse html(int status, String page) {
        return new ApiResponse(status, HTML, page.getBytes(StandardCharsets.UTF_8), Map.of(), null);
    }

    public static ApiResponse text(int status, String contentType, String text) {
        return new ApiResponse(status, contentType, text.getBytes(StandardCharsets.UTF_8), Map.of(), null);
    }

    public static ApiResponse methodNotAllowed(String allowed) {
        ApiResponse error = error(405, "method not allowed here; use " + allowed);
        return new ApiResponse(405, JSON, error.body(), Map.of("Allow", allowed), error.note());
    }

    /** The answer while no status view exists yet: the engine is starting, not broken. */
    public static ApiResponse notReady(Optional<String> lastError) {
        return error(503, "first sync not finished", lastError.<Map<String, Object>>map(e -> Map.of("lastError", e))
                .orElse(Map.of())).withHeader("Retry-After", "10");
    }

    public ApiResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiResponse(status, contentType, body, more, note);
    }
}
