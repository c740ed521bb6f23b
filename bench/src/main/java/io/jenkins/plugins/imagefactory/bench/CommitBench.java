package io.jenkins.plugins.imagefactory.bench;

import io.jenkins.plugins.imagefactory.git.CommitMessage;
import io.jenkins.plugins.imagefactory.git.ConfigRepository;
import io.jenkins.plugins.imagefactory.git.ConfigRepositoryLocation;
import io.jenkins.plugins.imagefactory.git.GitStoreOptions;
import io.jenkins.plugins.imagefactory.git.PublishResult;
import io.jenkins.plugins.imagefactory.secret.SecretResolver;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Locale;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.RefSpec;

/**
 * Publishes 10,000 small state files (state/images/registry/repo/tag.yaml) in one commit to a
 * local bare remote, then modifies 100 of them and publishes again. Goal: the first publish in at
 * most 5 s. Usage: {@code bench/run commit [FILES] [MODIFIED]}.
 */
public final class CommitBench {

    private static final double GOAL_SECONDS = 5.0;

    private CommitBench() {
    }

    public static void main(String[] args) throws Exception {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int modified = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Path root = Files.createTempDirectory("commit-bench");
        try {
            run(root, files, modified);
        } finally {
            deleteRecursively(root);
        }
    }

    private static void run(Path root, int files, int modified) throws Exception {
        Path bare = seedRemote(root);
        ConfigRepositoryLocation location = ConfigRepositoryLocation.of(bare.toString(), "main", root.resolve("work"));
        resetPeakHeap();
        try (ConfigRepository repo = ConfigRepository.open(location, SecretResolver.none(), GitStoreOptions.defaults())) {
            long t0 = System.nanoTime();
            repo.refresh();
            long t1 = System.nanoTime();
            long[] writing = new long[1];
            PublishResult first = repo.publish(
                    CommitMessage.builder().count(files, "image tracked", "images tracked").build("state"),
                    workTree -> {
                        long start = System.nanoTime();
                        for (int i = 0; i < files; i++) {
                            write(workTree, i, "digest: sha256:" + sha(i, 0) + "\n");
                        }
                        writing[0] += System.nanoTime() - start;
                    });
            long t2 = System.nanoTime();
            PublishResult second = repo.publish(
                    CommitMessage.builder().count(modified, "base update", "base updates").build("state"),
                    workTree -> {
                        for (int i = 0; i < modified; i++) {
                            write(workTree, i * (files / Math.max(1, modified)), "digest: sha256:" + sha(i, 1) + "\n");
                        }
                    });
            long t3 = System.nanoTime();
            repo.refresh();
            long t4 = System.nanoTime();

            check(first, files);
            check(second, modified);
            double firstSeconds = seconds(t1, t2);
            System.out.printf(Locale.ROOT, "clone (seed only)          %8.3f s%n", seconds(t0, t1));
            System.out.printf(Locale.ROOT, "publish %,6d new files     %8.3f s  (goal <= %.1f s: %s)%n", files, firstSeconds,
                    GOAL_SECONDS, firstSeconds <= GOAL_SECONDS ? "met" : "MISSED");
            System.out.printf(Locale.ROOT, "  of which writing files   %8.3f s, git (scan, stage, commit, push) %.3f s%n",
                    writing[0] / 1e9, firstSeconds - writing[0] / 1e9);
            System.out.printf(Locale.ROOT, "publish %,6d modified      %8.3f s%n", modified, seconds(t2, t3));
            System.out.printf(Locale.ROOT, "refresh (no change, %,d)   %8.3f s%n", files + 1, seconds(t3, t4));
            System.out.printf(Locale.ROOT, "peak heap                  %8.1f MiB%n", peakHeapBytes() / 1024.0 / 1024.0);
        }
    }

    private static void check(PublishResult result, int expectedChanges) {
        if (!(result instanceof PublishResult.Published published) || published.changes().size() != expectedChanges) {
            throw new IllegalStateException("expected one commit with " + expectedChanges + " changes, got " + result);
        }
    }

    private static void write(Path workTree, int i, String content) throws IOException {
        Path file = workTree.resolve("state/images/registry-" + (i % 10) + ".example.com/team-" + (i % 50)
                + "/app-" + i + "/" + (i % 3 == 0 ? "latest" : "1." + (i % 7)) + ".yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "image: app-" + i + "\n" + content);
    }

    private static String sha(int i, int generation) {
        return String.format(Locale.ROOT, "%064x", (long) i * 1_000_003L + generation);
    }

    private static Path seedRemote(Path root) throws Exception {
        Path bare = root.resolve("remote.git");
        Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
        Path seed = root.resolve("seed");
        try (Git git = Git.init().setDirectory(seed.toFile()).setInitialBranch("main").call()) {
            Files.writeString(seed.resolve("image-factory.yaml"), "version: 1\n");
            git.add().addFilepattern("image-factory.yaml").call();
            git.commit().setMessage("seed").setSign(false).call();
            git.push().setRemote(bare.toUri().toString()).setRefSpecs(new RefSpec("refs/heads/main:refs/heads/main")).call();
        }
        return bare;
    }

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }

    private static void resetPeakHeap() {
        System.gc();
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeapBytes() {
        return heapPools().stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }

    private static void deleteRecursively(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
