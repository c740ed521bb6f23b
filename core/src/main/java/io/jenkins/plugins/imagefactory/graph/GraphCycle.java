package io.jenkins.plugins.imagefactory.graph;

import java.util.List;

/**
 * Managed images that build on each other in a loop (A FROM B, B FROM A): none of them can be
 * rebuilt in a sensible order, so each is reported with the whole loop.
 *
 * @param names the enrollments in loop order, the first repeated at the end
 */
public record GraphCycle(List<String> names) {

    public GraphCycle {
        names = List.copyOf(names);
    }

    public String describe() {
        return "dependency cycle: " + String.join(" -> ", names);
    }
}
