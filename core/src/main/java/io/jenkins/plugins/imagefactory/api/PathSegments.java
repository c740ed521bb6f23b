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

}
