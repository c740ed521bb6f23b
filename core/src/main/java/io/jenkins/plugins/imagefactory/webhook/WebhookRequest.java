package io.jenkins.plugins.imagefactory.webhook;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One webhook delivery as a host received it, with no transport attached.
 *
 * <p>Header names are case-insensitive (HTTP says so, and senders differ: GitHub sends
 * {@code X-Hub-Signature-256}, proxies may lower-case it). Query parameter names are not.
 * {@link #toString()} names headers and parameters but never shows their values, because they
 * carry the credentials.
 *
 * @param kind    the {@code {kind}} path segment as requested, e.g. {@code ghcr}; may be unknown
 * @param headers request headers; {@code null} means none
 * @param body    the raw body bytes exactly as received (signatures cover these bytes)
 * @param query   decoded query parameters; {@code null} means none
 */
public record WebhookRequest(String kind, Map<String, List<String>> headers, byte[] body,
        Map<String, List<String>> query) {

    public WebhookRequest {
        kind = kind == null ? "" : kind;
        headers = copy(headers, String.CASE_INSENSITIVE_ORDER);
        body = body == null ? new byte[0] : body.clone();
        query = copy(query, null);
    }

    /** All values of a header, in order; empty when absent. */
    public List<String> header(String name) {
        return headers.getOrDefault(name, List.of());
    }

    /** All values of a query parameter, in order; empty when absent. */
    public List<String> queryParameter(String name) {
        return query.getOrDefault(name, List.of());
    }

    /** A copy of the body, so that a caller cannot change what was verified. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body without copying, for the receiver's own read-only use. */
    byte[] bodyBytes() {
        return body;
    }

    public int bodyLength() {
        return body.length;
    }

    /**
     * Decodes a raw query string such as {@code token=a%2Bb&x=1} (what {@code URI.getRawQuery()}
     * returns) into parameters. Hosts whose framework already decodes the query do not need this.
     */
    public static Map<String, List<String>> parseQueryString(String rawQuery) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return out;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformedEscape) {
            // A broken %-escape cannot match any configured token; keep the raw text so the
            // comparison simply fails instead of the whole request blowing up here.
            return text;
        }
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> source,
            java.util.Comparator<String> order) {
        Map<String, List<String>> out = order == null ? new LinkedHashMap<>() : new TreeMap<>(order);
        if (source != null) {
            source.forEach((name, values) -> {
                if (name == null || values == null) {
                    return;
                }
                List<String> kept = out.computeIfAbsent(name, n -> new ArrayList<>());
                values.stream().filter(Objects::nonNull).forEach(kept::add);
            });
        }
        out.replaceAll((name, values) -> List.copyOf(values));
        return Collections.unmodifiableMap(out);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WebhookRequest that
                && kind.equals(that.kind)
                && headers.equals(that.headers)
                && Arrays.equals(body, that.body)
                && query.equals(that.query);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, headers, Arrays.hashCode(body), query);
    }

    @Override
    public String toString() {
        return "WebhookRequest[kind=" + kind + ", headers=" + headers.keySet() + ", body=" + body.length
                + " bytes, query=" + query.keySet() + "]";
    }
}
