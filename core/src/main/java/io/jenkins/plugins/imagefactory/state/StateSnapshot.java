package io.jenkins.plugins.imagefactory.state;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a cycle writes: the state of every tracked image, the images that move to the
 * archive, and the events to append.
 *
 * @param images           state of every tracked image, by canonical reference
 * @param archived         state of images no longer tracked, by canonical reference (kept forever)
 * @param rebuilds         rebuild bookkeeping of every enrollment, by name
 * @param archivedRebuilds rebuild bookkeeping of enrollments that were removed, by name
 * @param events           new audit-log lines, in order
 */
public record StateSnapshot(Map<String, ImageState> images, Map<String, ImageState> archived,
                            Map<String, RebuildState> rebuilds, Map<String, RebuildState> archivedRebuilds,
                            List<Event> events) {

    public StateSnapshot {
        images = java.util.Collections.unmodifiableMap(new TreeMap<>(images));
        archived = java.util.Collections.unmodifiableMap(new TreeMap<>(archived));
        rebuilds = java.util.Collections.unmodifiableMap(new TreeMap<>(rebuilds));
        archivedRebuilds = java.util.Collections.unmodifiableMap(new TreeMap<>(archivedRebuilds));
        events = List.copyOf(events);
    }

    /** Images and events only, for callers that do not touch rebuilds. */
    public static StateSnapshot ofImages(Map<String, ImageState> images, Map<String, ImageState> archived,
                                         List<Event> events) {
        return new StateSnapshot(images, archived, Map.of(), Map.of(), events);
    }
}
