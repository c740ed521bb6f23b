package io.jenkins.plugins.imagefactory.registry;

import io.jenkins.plugins.imagefactory.image.ImageReference;
import java.util.List;
import java.util.Objects;

/**
 * One page of a repository's tags with details, newest first where the provider gives dates.
 *
 * @param repository the repository (tag of the reference is ignored)
 * @param provider   which API answered
 * @param page       1-based page number
 * @param pageSize   requested page size
 * @param tags       the tags on this page
 * @param hasNext    whether a further page exists
 * @param datesKnown whether the provider publishes push dates; when {@code false} every
 *                   {@link TagDetails#publishedAt()} is absent and the order is the registry's own
 * @param note       a sentence for the user about what this provider cannot tell, or {@code null}
 */
public record TagDetailsPage(ImageReference repository, Provider provider, int page, int pageSize,
                             List<TagDetails> tags, boolean hasNext, boolean datesKnown, String note) {

    /** The API that supplied tag details. */
    public enum Provider {
        DOCKER_HUB, GITHUB_PACKAGES, OCI_DISTRIBUTION
    }

    public TagDetailsPage {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(provider, "provider");
        tags = List.copyOf(tags);
    }
}
