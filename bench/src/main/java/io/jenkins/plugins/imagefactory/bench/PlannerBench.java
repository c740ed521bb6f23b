package io.jenkins.plugins.imagefactory.bench;

import io.jenkins.plugins.imagefactory.graph.ImageGraph;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.rebuild.RebuildPlan;
import io.jenkins.plugins.imagefactory.rebuild.RebuildPlanner;
import io.jenkins.plugins.imagefactory.state.DetectedBy;
import io.jenkins.plugins.imagefactory.state.DigestRecord;
import io.jenkins.plugins.imagefactory.state.ImageState;
import io.jenkins.plugins.imagefactory.state.RebuildState;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * Plans rebuilds for 10,000 images with 500 pending base updates (goal: under 1 s).
 * {@code bench/run planner [images] [updates]}.
 */
public final class PlannerBench {

    public static void main(String[] args) {
        int images = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int updates = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        Synthetic estate = new Synthetic(images, 2_000, 7);
        ImageGraph graph = ImageGraph.of(estate.managed);
        Instant now = Instant.parse("2026-11-20T00:00:00Z");
        Random random = new Random(7);

        Map<String, ImageState> states = new HashMap<>();
        for (ImageReference reference : graph.tracked()) {
            states.put(reference.canonical(), ImageState.fresh(reference, "base").withDigest(
                    new DigestRecord(digest(reference.canonical(), 0), Map.of("linux/amd64", digest(reference.canonical(), 0)),
                            now.minusSeconds(90 * 86_400), null, DetectedBy.POLL)));
        }
        Map<String, RebuildState> rebuilds = new HashMap<>();
        graph.images().forEach(image -> {
            Map<String, String> against = new HashMap<>();
            image.bases().forEach(b -> against.put(b.node().canonical(), digest(b.node().canonical(), 0)));
            rebuilds.put(image.name(), RebuildState.empty(image.name()).withBuiltAgainst(against));
        });
        for (int i = 0; i < updates; i++) {
            String base = estate.externalBases.get(random.nextInt(estate.externalBases.size()));
            ImageState state = states.get(base);
            if (state == null) {
                continue;
            }
            Instant pushed = now.minusSeconds(random.nextInt(10 * 86_400));
            String digest = digest(base, i + 1);
            states.put(base, state.withDigest(new DigestRecord(digest, Map.of("linux/amd64", digest), pushed, pushed,
                    DetectedBy.WEBHOOK)));
        }

        for (int warm = 0; warm < 5; warm++) {
            RebuildPlanner.plan(estate.config(), graph, states, rebuilds, now);
        }
        long best = Long.MAX_VALUE;
        RebuildPlan plan = null;
        for (int round = 0; round < 5; round++) {
            long start = System.nanoTime();
            plan = RebuildPlanner.plan(estate.config(), graph, states, rebuilds, now);
            best = Math.min(best, System.nanoTime() - start);
        }
        Map<String, Integer> byStatus = new java.util.TreeMap<>();
        plan.images().values().forEach(p -> byStatus.merge(p.status().label(), 1, Integer::sum));
        System.out.printf("planner: %d images, %d base updates: plan in %.1f ms (best of 5; goal <= 1000 ms); %d due; %s;"
                + " peak heap %d MiB%n", images, updates, best / 1e6, plan.dispatch().size(), byStatus, Synthetic.peakHeapMb());
    }

    private static String digest(String seed, int n) {
        return "sha256:" + String.format("%064x", new java.math.BigInteger(1, (seed + n).getBytes()).mod(java.math.BigInteger.TWO.pow(255)));
    }
}
