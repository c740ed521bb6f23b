package io.jenkins.plugins.imagefactory.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The packaged hpi bundles exactly the engine: JGit, github-api, Jackson and SLF4J come from the
 * library plugins Jenkins already ships, never as second copies in this plugin. Runs after
 * {@code package} (failsafe), on the hpi Maven just built.
 */
class BundledJarsIT {

    @Test
    void theHpiBundlesOnlyTheEngine() throws IOException {
        Path hpi;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            hpi = files.filter(f -> f.getFileName().toString().endsWith(".hpi")).findFirst()
                    .orElseThrow(() -> new AssertionError("no .hpi in target/; run mvn -Pjenkins verify"));
        }
        List<String> bundled;
        try (ZipFile zip = new ZipFile(hpi.toFile())) {
            bundled = zip.stream().map(ZipEntry::getName)
                    .filter(name -> name.startsWith("WEB-INF/lib/") && name.endsWith(".jar"))
                    .map(name -> name.substring("WEB-INF/lib/".length()))
                    .sorted().toList();
        }
        assertThat(bundled).as("jars bundled in " + hpi.getFileName()).hasSize(2)
                .anyMatch(jar -> jar.startsWith("image-factory-core-"))
                .anyMatch(jar -> jar.equals("image-factory.jar"));
    }
}
