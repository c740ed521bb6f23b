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
import io.jenkins.plugins.imagefactory.state.DiscoveryRecord;
import io.jenkins.plugins.imagefactory.state.ImageState;
import io.jenkins.plugins.imagefactory.sync.DiscoveryOutcome;
import io.jenkins.plugins.imagefactory.testing.git.BareRemote;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery from a real git repository. Hostile Dockerfiles enrolled next to an ordinary one each
 * cost their own image a discovery error with the line at fault, and the ordinary one is still
 * found; and a Dockerfile whose commit, build args and target did not move is not read again.
 */
class DockerfileDiscovererTest {

    @TempDir
    Path temp;

    private static Enrollment enrollment(String name, String repository, String dockerfile) {
        return enrollment(name, repository, dockerfile, null);
    }

    private static Enrollment enrollment(String name, String repository, String dockerfile, String target) {
        return new Enrollment(name, "ghcr.io/acme/" + name, List.of("latest"),
                new Source(repository, "main", dockerfile, ".", Map.of(), target), RebuildPolicy.DEFAULT,
                new BuildSpec.Jenkins(name, Map.of()), null, Map.of(), new ConfigLocation("images/" + name + ".yaml", 1, 1));
    }

    /** The state a cycle records for a discovery (what the reconciler writes), under each of the enrollment's tags. */
    private static Map<String, ImageState> recorded(Enrollment enrollment, DiscoveryOutcome outcome) {
        DiscoveryOutcome.Found found = (DiscoveryOutcome.Found) outcome;
        Map<String, ImageState> state = new LinkedHashMap<>();
        enrollment.references().forEach(reference -> state.put(reference.canonical(), ImageState.fresh(reference, "managed")
                .withDiscovery(new DiscoveryRecord(found.commit(), found.dockerfile(), found.buildArgs(), found.target(),
                        Instant.EPOCH, found.bases(), null))));
        return state;
    }

    @Test
    void anIdleCycleDoesNotReadADockerfileWithABuildTargetAgainButAnotherTargetOrAnOldRecordDoes() {
        BareRemote remote = BareRemote.create(temp, "staged");
        remote.commit("main", Map.of("app/Dockerfile", """
                FROM golang:1.23 AS build
                FROM debian:12 AS runtime
                COPY --from=build /out /app
                FROM busybox:1.36 AS debug
                """), "three stages");
        // one reader for every cycle, as a host keeps it; a discoverer per cycle, as a host makes it
        GitSourceReader reader = new GitSourceReader(temp.resolve("work"), SecretResolver.none(), SourceCredentials.none());
        Enrollment runtime = enrollment("app", remote.url(), "app/Dockerfile", "runtime");

        DiscoveryOutcome first = new DockerfileDiscoverer(reader).discover(List.of(runtime), Map.of()).get("app");
        long readsAfterFirst = reader.fileReads();
        DiscoveryOutcome idle = new DockerfileDiscoverer(reader).discover(List.of(runtime), recorded(runtime, first))
                .get("app");

        assertThat(first).isInstanceOfSatisfying(DiscoveryOutcome.Found.class, found -> {
            assertThat(found.target()).isEqualTo("runtime");
            assertThat(found.bases()).filteredOn(DiscoveredBase::reachable).extracting(DiscoveredBase::ref)
                    .containsExactlyInAnyOrder("docker.io/library/golang:1.23", "docker.io/library/debian:12");
        });
        assertThat(readsAfterFirst).isEqualTo(1);
        assertThat(idle).isEqualTo(first);
        assertThat(reader.fileReads()).as("the idle cycle read the Dockerfile again").isEqualTo(readsAfterFirst);

        Enrollment debug = enrollment("app", remote.url(), "app/Dockerfile", "debug");
        DiscoveryOutcome retargeted = new DockerfileDiscoverer(reader).discover(List.of(debug), recorded(runtime, first))
                .get("app");
        assertThat(reader.fileReads()).as("a new target is read").isEqualTo(readsAfterFirst + 1);
        assertThat(retargeted).isInstanceOfSatisfying(DiscoveryOutcome.Found.class, found -> {
            assertThat(found.target()).isEqualTo("debug");
            assertThat(found.bases()).filteredOn(DiscoveredBase::reachable).extracting(DiscoveredBase::ref)
                    .containsExactly("docker.io/library/busybox:1.36");
        });

        // a state file written before targets were recorded names none: read once more, then recorded
        Map<String, ImageState> beforeTargets = recorded(runtime, new DiscoveryOutcome.Found(
                ((DiscoveryOutcome.Found) first).commit(), "app/Dockerfile", Map.of(), ((DiscoveryOutcome.Found) first).bases()));
        DiscoveryOutcome upgraded = new DockerfileDiscoverer(reader).discover(List.of(runtime), beforeTargets).get("app");
        assertThat(reader.fileReads()).isEqualTo(readsAfterFirst + 2);
        assertThat(upgraded).isEqualTo(first);
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
