package io.jenkins.plugins.imagefactory.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request as the routes see it: no socket, no stream, so routes are plain functions.
 *
 * <p>{@link #toString()} shows the method and path only: query strings (Docker Hub's webhook
 * token rides in one) and headers (Authorization) never reach a log line through it.
 *
 * @param method   upper-case method
 * @param path     raw path, without the query
 * @param segments path segments, each percent-decoded (so an encoded reference is one segment)
 * @param query    decoded query parameters
 * @param headers  headers, names case-insensitive
 * @param body     the body bytes, at most the server's cap plus one (more means "too big")
 */
public record ApiRequest(String method, String path, List<String> segments, Map<String, List<String>> query,
               Map<String, List<String>> headers, byte[] body) {

    public ApiRequest {
        segments = List.copyOf(segments);
        query = Map.copyOf(query);
        body = body == null ? new byte[0] : body;
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public Optional<String> queryParameter(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Whether the path is {@code prefix} followed by exactly {@code extra} more segments. */
    public boolean matches(List<String> prefix, int extra) {
        return segments.size() == prefix.size() + extra && segments.subList(0, prefix.size()).equals(prefix);
    }

    public String segment(int index) {
        return segments.get(index);
    }

    /** GET or HEAD. */
    public boolean isRead() {
        return "GET".equals(method) || "HEAD".equals(method);
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
