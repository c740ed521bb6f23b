package io.jenkins.plugins.imagefactory.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagefactory.config.BuildSpec;
import io.jenkins.plugins.imagefactory.config.ConfigLocation;
import io.jenkins.plugins.imagefactory.config.Enrollment;
import io.jenkins.plugins.imagefactory.config.RebuildPolicy;
import io.jenkins.plugins.imagefactory.config.Source;
import io.jenkins.plugins.imagefactory.secret.SecretResolver;
import io.jenkins.plugins.imagefactory.source.GitSourceReader;
import io.jenkins.plugins.imagefactory.source.SourceCredentials;
import io.jenkins.plugins.imagefactory.state.DiscoveredBase;
import io.jenkins.plugins.imagefactory.sync.DiscoveryOutcome;
import io.jenkins.plugins.imagefactory.testing.git.BareRemote;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile Dockerfiles enrolled next to an ordinary one, read from a real git repository: each
 * costs its own image a discovery error with the line at fault, and the ordinary one is still found.
 */
class DockerfileDiscovererTest {

    @TempDir
    Path temp;

    private static Enrollment enrollment(String name, String repository, String dockerfile) {
        return new Enrollment(name, "ghcr.io/acme/" + name, List.of("latest"),
                new Source(repository, "main", dockerfile, ".", Map.of(), null), RebuildPolicy.DEFAULT,
                new BuildSpec.Jenkins(name, Map.of()), null, Map.of(), new ConfigLocation("images/" + name + ".yaml", 1, 1));
    }

    @Test
    void aDockerfileThatWouldExhaustMemoryOrStackFailsAloneWithItsLine() {
        StringBuilder doubling = new StringBuilder("ARG A0=0123456789abcdef\n");
        for (int i = 1; i <= 39; i++) {
            doubling.append("ARG A").append(i).append("=${A").append(i - 1).append("}${A").append(i - 1).append("}\n");
        }
        doubling.append("FROM alpine:${A39}\n");
        String nested = "FROM alpine\nARG X\nFROM alpine:" + "${X:-".repeat(5_000) + "3" + "}".repeat(5_000) + "\n";
        BareRemote remote = BareRemote.create(temp, "apps");
        Map<String, String> files = new LinkedHashMap<>();
        files.put("doubling/Dockerfile", doubling.toString());
        files.put("nested/Dockerfile", nested);
        files.put("good/Dockerfile", "FROM alpine:3.20\n");
        remote.commit("main", files, "three Dockerfiles");

        DockerfileDiscoverer discoverer = new DockerfileDiscoverer(new GitSourceReader(temp.resolve("work"),
                SecretResolver.none(), SourceCredentials.none()));
        Map<String, DiscoveryOutcome> outcomes = discoverer.discover(List.of(
                enrollment("doubling", remote.url(), "doubling/Dockerfile"),
                enrollment("nested", remote.url(), "nested/Dockerfile"),
                enrollment("good", remote.url(), "good/Dockerfile")), Map.of());

        assertThat(outcomes.get("doubling")).isInstanceOfSatisfying(DiscoveryOutcome.Failed.class, failed ->
                assertThat(failed.message()).startsWith("doubling/Dockerfile at ")
                        .contains(": line 13: an expanded value is longer than 65,535 characters"));
        assertThat(outcomes.get("nested")).isInstanceOfSatisfying(DiscoveryOutcome.Failed.class, failed ->
                assertThat(failed.message()).contains(": line 3: substitutions are nested more than 32 deep"));
        assertThat(outcomes.get("good")).isInstanceOfSatisfying(DiscoveryOutcome.Found.class, found ->
                assertThat(found.bases()).extracting(DiscoveredBase::ref).containsExactly("docker.io/library/alpine:3.20"));
    }
}
