package io.jenkins.plugins.imagefactory.bench;

import io.jenkins.plugins.imagefactory.graph.ImageGraph;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import java.util.List;

/**
 * Graph build + impact queries: 10,000 images over 2,000 external bases (goal: build and an impact
 * query for every base in under 1 s). {@code bench/run graph [images] [bases]}.
 */
public final class GraphBench {

    public static void main(String[] args) {
        int images = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int bases = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        Synthetic estate = new Synthetic(images, bases, 42);
        List<ImageReference> baseRefs = estate.externalBases.stream().map(ImageReference::parse).toList();

        for (int warm = 0; warm < 5; warm++) {
            run(estate, baseRefs);
        }
        long best = Long.MAX_VALUE;
        long impacted = 0;
        for (int round = 0; round < 5; round++) {
            long start = System.nanoTime();
            impacted = run(estate, baseRefs);
            best = Math.min(best, System.nanoTime() - start);
        }
        System.out.printf("graph: %d images, %d bases: build + %d impact queries in %.1f ms (best of 5; goal <= 1000 ms),"
                        + " %d images impacted in total, peak heap %d MiB%n",
                images, bases, baseRefs.size(), best / 1e6, impacted, Synthetic.peakHeapMb());
    }

    private static long run(Synthetic estate, List<ImageReference> baseRefs) {
        ImageGraph graph = ImageGraph.of(estate.managed);
        long impacted = 0;
        for (ImageReference base : baseRefs) {
            impacted += graph.impact(base).size();
        }
        return impacted;
    }
}
