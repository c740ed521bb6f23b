package io.jenkins.plugins.imagefactory.graph;

/**
 * A managed image that builds on some reference.
 *
 * @param name   enrollment name
 * @param pinned whether it pins the reference to a digest (then a new digest does not affect it)
 * @param depth  1 for a direct dependent, 2 for a dependent of a direct dependent, ...
 */
public record Dependent(String name, boolean pinned, int depth) {
}
