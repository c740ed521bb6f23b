package io.jenkins.plugins.imagefactory.state;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The base a managed image's current digest says it was built from (its OCI
 * {@code org.opencontainers.image.base.*} annotations): when present, this is what the image was
 * built against, whatever Image Factory triggered.
 *
 * @param name   base reference as annotated
 * @param digest base digest as annotated
 */
@JsonPropertyOrder({"name", "digest"})
public record BuiltFrom(String name, String digest) {
}
