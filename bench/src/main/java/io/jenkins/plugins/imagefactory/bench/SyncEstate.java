package io.jenkins.plugins.imagefactory.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The estate {@code bench/run sync} measures, made of real parts: a docker-registry holding
 * {@code bases} base images and one image per enrollment, a bare git monorepo with one two-stage
 * Dockerfile per image (each stage on one of the bases), and a bare config repo with one
 * enrollment file per image.
 */
final class SyncEstate {

    final int images;
    final int bases;
    final BenchRegistry registry;
    final Path configRemote;
    final Path sourceRemote;
    private final Path dir;

    private SyncEstate(int images, int bases, BenchRegistry registry, Path dir) {
        this.images = images;
        this.bases = bases;
        this.registry = registry;
        this.dir = dir;
        this.configRemote = dir.resolve("config.git");
        this.sourceRemote = dir.resolve("source.git");
    }

    static SyncEstate generate(Path dir, int images, int bases) throws Exception {
        BenchRegistry registry = BenchRegistry.start(dir.resolve("registry"), true);
        SyncEstate estate = new SyncEstate(images, bases, registry, dir);
        estate.pushBases(0);
        estate.pushImages();
        estate.writeSource();
        estate.writeConfig();
        return estate;
    }

    /** Distinct references a cycle must check: every base and every managed image. */
    int distinctReferences() {
        return images + bases;
    }

    String base(int j) {
        return registry.host + "/base/b" + j + ":1";
    }

    /** Pushes a new digest of the first {@code count} bases ({@code generation} makes it new). */
    void repushBases(int count, int generation) throws Exception {
        parallel(count, j -> registry.pushImage("base/b" + j, "1", "b" + j + "-g" + generation));
    }

    private void pushBases(int generation) throws Exception {
        parallel(bases, j -> registry.pushImage("base/b" + j, "1", "b" + j + "-g" + generation));
    }

    /** Every managed image is a tag of one repository, all the same manifest: cheap to push, distinct to check. */
    private void pushImages() throws Exception {
        String manifest = registry.uploadImage("acme/apps", "app");
        parallel(images, i -> registry.putManifest("acme/apps", "app-" + i, manifest));
    }

    private void writeSource() throws Exception {
        Path tree = dir.resolve("source");
        for (int i = 0; i < images; i++) {
            Path file = tree.resolve("images/app-" + i + "/Dockerfile");
            Files.createDirectories(file.getParent());
            Files.writeString(file, "# syntax=docker/dockerfile:1\n"
                    + "FROM " + base(i % bases) + " AS build\n"
                    + "WORKDIR /src\nCOPY . .\nRUN make app-" + i + "\n"
                    + "FROM " + base((i * 7 + 13) % bases) + "\n"
                    + "COPY --from=build /src/out /app\nUSER 1000\nENTRYPOINT [\"/app\"]\n");
        }
        publish(tree, sourceRemote, "source");
    }

    private void writeConfig() throws Exception {
        Path tree = dir.resolve("config");
        Files.createDirectories(tree.resolve("images"));
        Files.writeString(tree.resolve("image-factory.yaml"), "version: 1\n"
                + "registries:\n  - host: \"" + registry.host + "\"\n    insecure: true\n    concurrency: 8\n");
        for (int i = 0; i < images; i++) {
            Files.writeString(tree.resolve("images/app-" + i + ".yaml"), "name: app-" + i + "\n"
                    + "image: " + registry.host + "/acme/apps\n"
                    + "tags: [app-" + i + "]\n"
                    + "source:\n  repository: \"" + sourceRemote.toUri() + "\"\n"
                    + "  dockerfile: images/app-" + i + "/Dockerfile\n"
                    + "build:\n  webhook: {url: \"http://127.0.0.1:9/build\"}\n");
        }
        publish(tree, configRemote, "config");
    }

    /** A commit count of the config remote's main branch. */
    int configCommits() throws IOException, InterruptedException {
        return Integer.parseInt(git(dir, "--git-dir", configRemote.toString(), "rev-list", "--count", "main").strip());
    }

    private static void publish(Path tree, Path remote, String what) throws IOException, InterruptedException {
        git(tree.getParent(), "init", "-q", "--bare", "-b", "main", remote.toString());
        git(tree, "init", "-q", "-b", "main");
        git(tree, "add", "-A");
        git(tree, "-c", "user.name=bench", "-c", "user.email=bench@localhost", "-c", "commit.gpgsign=false",
                "commit", "-q", "-m", what);
        git(tree, "push", "-q", remote.toUri().toString(), "main");
    }

    static String git(Path in, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(in.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException("git " + String.join(" ", args) + " failed: " + output);
        }
        return output;
    }

    private interface Step {
        void run(int index) throws Exception;
    }

    private static void parallel(int count, Step step) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    step.run(n);
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}
