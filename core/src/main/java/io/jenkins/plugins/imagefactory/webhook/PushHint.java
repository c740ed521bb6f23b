package io.jenkins.plugins.imagefactory.webhook;

import io.jenkins.plugins.imagefactory.image.ImageReference;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A sender's claim that a tag was pushed. It is a hint, not a fact: the engine answers it by
 * checking the tag's digest in the registry itself, never by believing the claimed digest.
 *
 * @param reference canonical {@code registry/repository:tag}, with {@code @digest} when the payload
 *                  names one; the registry host comes from configuration, not from the payload
 * @param source    which kind of webhook delivered it
 * @param pushedAt  when the sender says the push happened, or {@code null} when it does not say
 * @param actor     who pushed, as the sender names them, or {@code null}
 */
public record PushHint(ImageReference reference, WebhookKind source, Instant pushedAt, String actor) {

    public PushHint {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(source, "source");
        if (!reference.hasTag()) {
            throw new IllegalArgumentException("a push hint names a tag, got " + reference);
        }
    }

    /** The reference to check for a new digest: the tag, without the claimed digest. */
    public ImageReference watchedReference() {
        return reference.withoutDigest();
    }

    /** The digest the payload claims the tag now points to. */
    public Optional<String> claimedDigest() {
        return Optional.ofNullable(reference.digest());
    }

    public Optional<Instant> pushedAtIfKnown() {
        return Optional.ofNullable(pushedAt);
    }

    public Optional<String> actorIfKnown() {
        return Optional.ofNullable(actor);
    }
}
