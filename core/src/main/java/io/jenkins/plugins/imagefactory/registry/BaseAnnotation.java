package io.jenkins.plugins.imagefactory.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * What an image says it was built from, by the OCI pre-defined annotation keys
 * {@code org.opencontainers.image.base.name} and {@code org.opencontainers.image.base.digest}.
 *
 * @param name   the base reference as the build wrote it
 * @param digest the base's digest the build used
 */
public record BaseAnnotation(String name, String digest) {

    public static final String NAME = "org.opencontainers.image.base.name";
    public static final String DIGEST = "org.opencontainers.image.base.digest";

    static Optional<BaseAnnotation> of(JsonNode annotations) {
        String digest = annotations.path(DIGEST).asText("");
        if (!digest.startsWith("sha256:")) {
            return Optional.empty();
        }
        return Optional.of(new BaseAnnotation(annotations.path(NAME).asText(null), digest));
    }
}
