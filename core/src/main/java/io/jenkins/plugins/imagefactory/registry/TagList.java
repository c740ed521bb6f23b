package io.jenkins.plugins.imagefactory.registry;

import java.util.List;

/**
 * Tags of a repository from the distribution API's {@code tags/list}.
 *
 * @param tags      in the registry's order (lexical for most registries)
 * @param truncated whether more tags existed beyond the requested cap
 */
public record TagList(List<String> tags, boolean truncated) {

    public TagList {
        tags = List.copyOf(tags);
    }
}
