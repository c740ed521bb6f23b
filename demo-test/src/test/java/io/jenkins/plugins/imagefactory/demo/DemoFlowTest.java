package io.jenkins.plugins.imagefactory.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.imagefactory.config.GlobalSettings;
import io.jenkins.plugins.imagefactory.state.BuildRecord;
import io.jenkins.plugins.imagefactory.state.Event;
import io.jenkins.plugins.imagefactory.state.ImageState;
import io.jenkins.plugins.imagefactory.state.RebuildState;
import io.jenkins.plugins.imagefactory.state.StateStore;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, run for real: the demo script against the jar Maven just packaged.
 * Its narration is not what is checked; the state it committed to the config repo is.
 */
class DemoFlowTest {

    static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @TempDir
    Path clone;

    @Test
    void aBaseUpdateRebuildsTheBaseImageThenTheApplicationOnceEachAndCommitsEveryStep() throws Exception {
        boolean registry = Files.isExecutable(Path.of("/usr/bin/docker-registry"));
        if (!registry && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("/usr/bin/docker-registry is missing; .ci/run installs the Debian package docker-registry");
        }
        assumeTrue(registry, "docker-registry not installed");

        Path log = ROOT.resolve("demo-test/target/demo.log");
        Files.createDirectories(log.getParent());
        ProcessBuilder demo = new ProcessBuilder("bash", ROOT.resolve("examples/demo/run").toString())
                .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        demo.environment().put("IMAGE_FACTORY_JAR", ROOT.resolve("cli/target/image-factory.jar").toString());
        demo.environment().put("DEMO_EXIT", "1");
        Process process = demo.start();
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished).as("demo finished in time; see " + log).isTrue();
        assertThat(process.exitValue()).as("demo exit code; see " + log + ":\n" + Files.readString(log)).isZero();

        // what a person watching it reads: no colour codes on a file, progress while serve starts,
        // the real digests of the update, and the image list (pages of the API) with each role
        String printed = Files.readString(log);
        assertThat(printed).doesNotContain("\u001b").contains("first sync: reading the Dockerfiles", "first sync done in");
        assertThat(printed).containsPattern("sha256:[0-9a-f]{12} -> sha256:[0-9a-f]{12}");
        assertThat(printed).containsPattern("/team/app:1 +managed +sha256:[0-9a-f]{12}")
                .containsPattern("/platform/python-base:3\\.12 +managed\\+base +sha256:[0-9a-f]{12}")
                .containsPattern("/upstream/python:3\\.12 +base +sha256:[0-9a-f]{12}");

        try (Git git = Git.cloneRepository().setURI(ROOT.resolve(".demo/config.git").toUri().toString())
                .setDirectory(clone.toFile()).call()) {
            assertThat(git.log().call()).extracting(c -> c.getShortMessage()).anyMatch(m -> m.contains("rebuild triggered"));
        }
        StateStore store = new StateStore(clone, GlobalSettings.ConfigPaths.DEFAULT);
        List<Event> events = store.readEvents();
        List<Event> triggered = events.stream().filter(e -> e.kind().equals("rebuild-triggered")).toList();
        assertThat(triggered).as("each image rebuilt once, base first").extracting(Event::image)
                .hasSize(2).satisfies(images -> {
                    assertThat(images.get(0)).endsWith("/platform/python-base:3.12");
                    assertThat(images.get(1)).endsWith("/team/app:1");
                });
        assertThat(events).filteredOn(e -> e.kind().equals("update") && e.image().endsWith("/upstream/python:3.12"))
                .singleElement().satisfies(e -> assertThat(e.actor()).isEqualTo("webhook"));

        Map<String, RebuildState> rebuilds = store.loadRebuilds();
        Map<String, ImageState> images = store.loadImages();
        String newBase = images.entrySet().stream().filter(e -> e.getKey().endsWith("/platform/python-base:3.12"))
                .findFirst().orElseThrow().getValue().digest();
        BuildRecord app = rebuilds.get("team-app").last().orElseThrow();
        assertThat(app.status()).isEqualTo(BuildRecord.SUCCEEDED);
        assertThat(app.causes()).singleElement().satisfies(cause -> assertThat(cause.newDigest()).isEqualTo(newBase));
        assertThat(rebuilds.get("python-base").last().orElseThrow().status()).isEqualTo(BuildRecord.SUCCEEDED);
        assertThat(clone.resolve("catalog/index.yaml")).exists();
    }
}
