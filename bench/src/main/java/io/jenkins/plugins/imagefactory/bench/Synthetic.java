package io.jenkins.plugins.imagefactory.bench;

import io.jenkins.plugins.imagefactory.config.BuildSpec;
import io.jenkins.plugins.imagefactory.config.ConfigLocation;
import io.jenkins.plugins.imagefactory.config.Enrollment;
import io.jenkins.plugins.imagefactory.config.GlobalSettings;
import io.jenkins.plugins.imagefactory.config.ImageFactoryConfig;
import io.jenkins.plugins.imagefactory.config.RebuildPolicy;
import io.jenkins.plugins.imagefactory.config.Source;
import io.jenkins.plugins.imagefactory.graph.BaseUse;
import io.jenkins.plugins.imagefactory.graph.ManagedImage;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.image.Platform;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded, realistic-shaped estate: external bases, a layer of internal base images, and many
 * application images, some on internal bases, some on external ones, some on both.
 */
final class Synthetic {

    final List<String> externalBases = new ArrayList<>();
    final List<Enrollment> enrollments = new ArrayList<>();
    final List<ManagedImage> managed = new ArrayList<>();

    Synthetic(int images, int bases, long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < bases; i++) {
            externalBases.add(ImageReference.parse("docker.io/vendor" + (i % 50) + "/base" + i + ":" + (i % 7)).canonical());
        }
        int internal = Math.max(1, images / 20);
        for (int i = 0; i < images; i++) {
            String name = (i < internal ? "base-" : "app-") + i;
            String ref = "ghcr.io/acme/" + name + ":latest";
            List<String> uses = new ArrayList<>();
            if (i < internal) {
                uses.add(externalBases.get(random.nextInt(bases)));
            } else {
                uses.add("ghcr.io/acme/base-" + random.nextInt(internal) + ":latest");
                if (random.nextInt(3) == 0) {
                    uses.add(externalBases.get(random.nextInt(bases)));
                }
            }
            ImageReference reference = ImageReference.parse(ref);
            enrollments.add(new Enrollment(name, reference.name(), List.of("latest"),
                    new Source("https://git.example.com/" + name + ".git", "main", "Dockerfile", ".", Map.of(), null),
                    new RebuildPolicy(Duration.ofDays(1 + random.nextInt(7)), true, List.of(Platform.LINUX_AMD64)),
                    new BuildSpec.Jenkins(name, Map.of()), null, Map.of(), new ConfigLocation("images/x.yaml", i + 1, 1)));
            managed.add(new ManagedImage(name, List.of(reference),
                    uses.stream().map(u -> new BaseUse(ImageReference.parse(u), false, true)).toList()));
        }
    }

    ImageFactoryConfig config() {
        return new ImageFactoryConfig(GlobalSettings.DEFAULT, enrollments, List.of());
    }

    static long usedHeapMb() {
        Runtime runtime = Runtime.getRuntime();
        return (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
    }

    static long peakHeapMb() {
        long peak = 0;
        for (var pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / (1024 * 1024);
    }
}
