package io.jenkins.plugins.imagefactory.cli.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jenkins.plugins.imagefactory.state.StateMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a route answers: status, content type, bytes, extra headers.
 *
 * @param note a short, secret-free reason for the access log (an error message), or {@code null}
 */
record Response(int status, String contentType, byte[] body, Map<String, String> headers, String note) {

    static final String JSON = "application/json";
    static final String HTML = "text/html; charset=utf-8";
    static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

    Response {
        headers = Map.copyOf(headers);
    }

    static Response json(int status, Object value) {
        try {
            return new Response(status, JSON, StateMapper.json().writeValueAsBytes(value), Map.of(), null);
        } catch (JsonProcessingException e) {
            // Every value served is a record of strings, numbers and times; failing here is a bug.
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** {@code {"error": message}}, plus any extra fields. */
    static Response error(int status, String message, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.putAll(extra);
        Response json = json(status, body);
        return new Response(status, JSON, json.body(), Map.of(), message);
    }

    static Response error(int status, String message) {
        return error(status, message, Map.of());
    }

    static Response html(int status, String page) {
        return new Response(status, HTML, page.getBytes(StandardCharsets.UTF_8), Map.of(), null);
    }

    static Response text(int status, String contentType, String text) {
        return new Response(status, contentType, text.getBytes(StandardCharsets.UTF_8), Map.of(), null);
    }

    static Response methodNotAllowed(String allowed) {
        Response error = error(405, "method not allowed here; use " + allowed);
        return new Response(405, JSON, error.body(), Map.of("Allow", allowed), error.note());
    }

    Response withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Response(status, contentType, body, more, note);
    }
}
