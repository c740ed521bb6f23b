package io.jenkins.plugins.imagefactory.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whole {@code image-factory sync} cycles, each a fresh CLI process as cron would run it, over a
 * generated estate ({@link SyncEstate}: a real docker-registry, a bare git monorepo of two-stage
 * Dockerfiles over {@code bases} bases, a bare config repo with one enrollment file per image).
 * At each size: a first cycle, an idle cycle, and a cycle after {@code repushed} bases got a new
 * digest. Prints wall and CPU time and peak RSS (from {@code /usr/bin/time}), how long each phase
 * took (from when its progress line arrived: discovery, checks, state, catalog, commit), manifest
 * requests per distinct reference (from the registry's own access log), commits per cycle, and the
 * growth ratios largest/smallest.
 *
 * <p>{@code bench/run sync [SIZES] [BASES] [REPUSHED]}, default {@code 1000,5000,10000 300 50}.
 * The CLI runs through the launcher script {@code IMAGE_FACTORY_LAUNCHER} (default
 * {@code ./image-factory}) with the jar {@code IMAGE_FACTORY_JAR} (default the one just built), so
 * the launcher's own JVM settings are part of what is measured.
 */
public final class SyncBench {

    /** A cycle's figures; the phase times come from when its progress lines arrived. */
    private record Cycle(String name, TimedProcess run, long requests, int commits) {

        double at(String progress) {
            return run.firstAt("sync: " + progress);
        }
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String size : (args.length > 0 ? args[0] : "1000,5000,10000").split(",")) {
            sizes.add(Integer.parseInt(size.strip()));
        }
        int bases = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int repushed = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        String launcher = System.getenv().getOrDefault("IMAGE_FACTORY_LAUNCHER", "./image-factory");
        String jar = System.getenv().getOrDefault("IMAGE_FACTORY_JAR", Path.of("cli/target/image-factory.jar").toAbsolutePath().toString());
        Map<Integer, List<Cycle>> all = new LinkedHashMap<>();
        for (int size : sizes) {
            Path dir = Files.createTempDirectory("sync-bench");
            long generating = System.nanoTime();
            SyncEstate estate = SyncEstate.generate(dir, size, bases);
            System.out.printf(Locale.ROOT, "%,d images over %d bases generated in %.1f s (%s)%n", size, bases,
                    (System.nanoTime() - generating) / 1e9, dir);
            try {
                List<Cycle> cycles = new ArrayList<>();
                cycles.add(cycle("first", estate, launcher, jar, dir));
                cycles.add(cycle("idle", estate, launcher, jar, dir));
                estate.repushBases(repushed, 1);
                cycles.add(cycle(repushed + " bases re-pushed", estate, launcher, jar, dir));
                cycles.forEach(c -> print(size, estate, c));
                all.put(size, cycles);
            } finally {
                estate.registry.close();
                delete(dir);
            }
        }
        if (all.size() > 1) {
            int small = sizes.get(0);
            int large = sizes.get(sizes.size() - 1);
            System.out.printf(Locale.ROOT, "growth %,d/%,d images (linear = %.1f):%n", large, small, (double) large / small);
            for (int i = 0; i < all.get(small).size(); i++) {
                Cycle a = all.get(small).get(i);
                Cycle b = all.get(large).get(i);
                System.out.printf(Locale.ROOT, "  %-22s wall %5.1f  cpu %5.1f  rss %4.1f%n", a.name(),
                        b.run().wallSeconds() / a.run().wallSeconds(), b.run().cpuSeconds() / a.run().cpuSeconds(),
                        b.run().peakRssMib() / a.run().peakRssMib());
            }
        }
    }

    private static Cycle cycle(String name, SyncEstate estate, String launcher, String jar, Path dir) throws Exception {
        long requestsBefore = estate.registry.manifestRequests();
        int commitsBefore = estate.configCommits();
        TimedProcess run = TimedProcess.run(List.of(launcher, "sync", "--repo", estate.configRemote.toUri().toString(),
                        "--work-dir", dir.resolve("work").toString(), "--allow-errors"),
                Map.of("IMAGE_FACTORY_JAR", jar), dir.resolve("sync-" + name.replace(' ', '-') + ".out"), 1800);
        if (run.exitCode() != 0) {
            throw new IllegalStateException("sync exited " + run.exitCode() + ":\n" + run.stderrText());
        }
        return new Cycle(name, run, estate.registry.manifestRequests() - requestsBefore,
                estate.configCommits() - commitsBefore);
    }

    private static void print(int size, SyncEstate estate, Cycle cycle) {
        TimedProcess run = cycle.run();
        double refreshing = cycle.at("refreshing");
        double refreshed = cycle.at("config repo at");
        double discovering = cycle.at("discovering");
        double checking = cycle.at("checking");
        double planning = cycle.at("checked");
        double writing = cycle.at("writing state");
        double cataloguing = cycle.at("writing the catalog");
        double committing = cycle.at("state and catalog written");
        System.out.printf(Locale.ROOT, "%,6d images  %-20s wall %6.1f s  cpu %6.1f s  peak RSS %5.0f MiB"
                        + "  | JVM start %4.1f s, refresh %4.1f s, config+lease %4.1f s, discovery %5.1f s, checks %5.1f s, plan %4.1f s,"
                        + " state %4.1f s, catalog %4.1f s, commit+exit %5.1f s"
                        + "  | %.2f manifest requests/distinct ref  | %d commit(s)%n",
                size, cycle.name(), run.wallSeconds(), run.cpuSeconds(), run.peakRssMib(), refreshing, refreshed - refreshing,
                discovering - refreshed, checking - discovering, planning - checking, writing - planning, cataloguing - writing,
                committing - cataloguing, run.wallSeconds() - committing,
                (double) cycle.requests() / estate.distinctReferences(), cycle.commits());
    }

    private static void delete(Path dir) throws java.io.IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
