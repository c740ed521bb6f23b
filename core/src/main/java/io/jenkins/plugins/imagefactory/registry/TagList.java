package io.jenkins.plugins.imagefactory.registry;

import java.util.List;

/**
 * Tags of a repository from {@code /v2/<name>/tags/list}, in the registry's order.
 *
 * @param tags      tag names
 * @param truncated whether the cap stopped the listing before the registry's last page
 */
public record TagList(List<String> tags, boolean truncated) {

    public TagList {
        tags = List.copyOf(tags);
    }
}
