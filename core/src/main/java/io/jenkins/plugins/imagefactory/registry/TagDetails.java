package io.jenkins.plugins.imagefactory.registry;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One tag as a catalog shows it (Req 12): name, digest, size, and when it was last pushed.
 * Fields the provider does not publish are absent, never guessed.
 *
 * @param tag         the tag name
 * @param digest      the digest the tag points at, or {@code null} when unknown
 * @param sizeBytes   compressed size as the provider reports it, or {@code null} when unknown
 * @param publishedAt when the tag was last pushed, or {@code null} when the provider does not say
 */
public record TagDetails(String tag, String digest, Long sizeBytes, Instant publishedAt) {

    public TagDetails {
        Objects.requireNonNull(tag, "tag");
    }

    public Optional<String> digestIfKnown() {
        return Optional.ofNullable(digest);
    }

    public OptionalLong sizeIfKnown() {
        return sizeBytes == null ? OptionalLong.empty() : OptionalLong.of(sizeBytes);
    }

    public Optional<Instant> publishedIfKnown() {
        return Optional.ofNullable(publishedAt);
    }
}
