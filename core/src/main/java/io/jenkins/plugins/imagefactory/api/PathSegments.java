package io.jenkins.plugins.imagefactory.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A raw URL path as segments, each decoded on its own, so an encoded reference stays one segment. */
public final class PathSegments {

    private PathSegments() {
    }

    /** Decoded segments; empty when an escape is malformed. A '+' in a path is a plus, not a space. */
    public static Optional<List<String>> decode(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String raw : (rawPath == null ? "" : rawPath).split("/")) {
            if (raw.isEmpty()) {
                continue;
            }
            try {
                out.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException malformed) {
                return Optional.empty();
            }
        }
        return Optional.of(out);
    }

    /**
     * An image as a path segment names: an enrollment name, or a reference encoded once
     * ({@code ghcr.io%2Facme%2Fapp%3A1}) or, where a proxy or servlet container refuses an encoded
     * slash, twice ({@code ghcr.io%252Facme%252Fapp%253A1}, as Jenkins encodes branch names). Neither
     * a name nor a reference may contain {@code %}, so a segment still holding one is decoded again.
     */
    public static String image(String decodedSegment) {
        if (decodedSegment == null || decodedSegment.indexOf('%') < 0) {
            return decodedSegment;
        }
        try {
            return URLDecoder.decode(decodedSegment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return decodedSegment;
        }
    }

    /** The segment that names {@code reference} even where an encoded slash is refused: encoded twice. */
    public static String imageSegment(String nameOrReference) {
        return encode(encode(nameOrReference));
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
