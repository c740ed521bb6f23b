package io.jenkins.plugins.imagefactory.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagefactory.config.BuildSpec;
import io.jenkins.plugins.imagefactory.config.ConfigLocation;
import io.jenkins.plugins.imagefactory.config.Enrollment;
import io.jenkins.plugins.imagefactory.config.GlobalSettings;
import io.jenkins.plugins.imagefactory.config.ImageFactoryConfig;
import io.jenkins.plugins.imagefactory.config.RebuildPolicy;
import io.jenkins.plugins.imagefactory.config.Source;
import io.jenkins.plugins.imagefactory.graph.BaseUse;
import io.jenkins.plugins.imagefactory.graph.ImageGraph;
import io.jenkins.plugins.imagefactory.graph.ManagedImage;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.rebuild.RebuildPlanner;
import io.jenkins.plugins.imagefactory.state.DetectedBy;
import io.jenkins.plugins.imagefactory.state.DigestRecord;
import io.jenkins.plugins.imagefactory.state.ImageState;
import io.jenkins.plugins.imagefactory.state.RebuildState;
import io.jenkins.plugins.imagefactory.state.StateMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Generates the catalog of a rich estate (a chain, a diamond, a base shared by many, references that
 * sanitise alike) and checks it; it also leaves the files in {@code target/catalog-example/} for the
 * Backstage validators in {@code backstage/} to check with Backstage's own code.
 */
class CatalogGeneratorTest {

    static final Instant T = Instant.parse("2026-11-01T00:00:00Z");

    final List<Enrollment> enrollments = new ArrayList<>();
    final List<ManagedImage> managed = new ArrayList<>();

    void enroll(String name, String ref, BuildSpec build, String... bases) {
        ImageReference image = ImageReference.parse(ref);
        enrollments.add(new Enrollment(name, image.name(), List.of(image.tag()),
                new Source("https://github.com/acme/" + name + ".git", "main", "docker/Dockerfile", "docker", Map.of(), null),
                RebuildPolicy.DEFAULT, build, name.startsWith("pay") ? "group:default/payments" : null, Map.of(),
                new ConfigLocation("images/" + name + ".yaml", 1, 1)));
        managed.add(new ManagedImage(name, List.of(image), java.util.Arrays.stream(bases)
                .map(b -> new BaseUse(ImageReference.parse(b), false, true)).toList()));
    }

    Map<String, String> generate() {
        enroll("base-python", "ghcr.io/acme/base/python:3.12", new BuildSpec.GitHubActions("acme/base-images", "python.yml", "main", Map.of()),
                "python:3.12-slim");
        enroll("payments-api", "ghcr.io/acme/payments-api:latest", new BuildSpec.GitHubActions("acme/payments", "api.yml", "main", Map.of()),
                "ghcr.io/acme/base/python:3.12");
        enroll("payments-worker", "ghcr.io/acme/payments-worker:latest", new BuildSpec.Jenkins("payments/worker", Map.of()),
                "ghcr.io/acme/base/python:3.12", "python:3.12-slim");
        enroll("gateway", "ghcr.io/acme/gateway:latest", new BuildSpec.Webhook("https://builder.example.com/hook", null),
                "ghcr.io/acme/payments-api:latest", "ghcr.io/acme/payments-worker:latest");
        for (int i = 0; i < 5; i++) {
            enroll("tool-" + i, "localhost:5000/tools/tool-" + i + ":1", new BuildSpec.Jenkins("tools/" + i, Map.of()),
                    "debian:12");
        }
        enroll("collide-a", "ghcr.io/acme/app-latest:1", new BuildSpec.Jenkins("a", Map.of()), "debian:12");
        enroll("collide-b", "ghcr.io/acme/app:latest-1", new BuildSpec.Jenkins("b", Map.of()), "debian:12");
        ImageGraph graph = ImageGraph.of(managed);
        Map<String, ImageState> images = new HashMap<>();
        int n = 0;
        for (ImageReference reference : graph.tracked()) {
            String digest = "sha256:" + String.format("%064d", ++n);
            images.put(reference.canonical(), ImageState.fresh(reference, "base").withDigest(
                    new DigestRecord(digest, Map.of("linux/amd64", digest), T, null, DetectedBy.POLL)));
        }
        Map<String, RebuildState> rebuilds = new HashMap<>();
        ImageFactoryConfig config = new ImageFactoryConfig(GlobalSettings.DEFAULT, enrollments, List.of());
        return new CatalogGenerator(config, graph, images, rebuilds,
                RebuildPlanner.plan(config, graph, images, rebuilds, T)).files();
    }

    static JsonNode read(String yaml) throws IOException {
        return StateMapper.yaml().readTree(yaml);
    }

    @Test
    void everyTrackedImageIsAResourceWithAValidUniqueName() throws IOException {
        Map<String, String> files = generate();
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            if (file.getKey().equals(CatalogGenerator.INDEX_FILE)) {
                continue;
            }
            JsonNode entity = read(file.getValue());
            String name = entity.at("/metadata/name").asText();
            assertThat(EntityNames.isValid(name)).as(name).isTrue();
            assertThat(file.getKey()).isEqualTo("entities/" + name + ".yaml");
            assertThat(entity.at("/kind").asText()).isEqualTo("Resource");
            names.add(name);
        }
        assertThat(names).doesNotHaveDuplicates().hasSize(13);
        assertThat(names).contains("python-3.12-slim", "ghcr.io-acme-payments-api-latest", "debian-12");
        assertThat(names.stream().filter(n -> n.startsWith("ghcr.io-acme-app-latest-1-"))).hasSize(2);
    }

    @Test
    void dependenciesAndRolesAreRepresented() throws IOException {
        Map<String, String> files = generate();
        JsonNode gateway = read(files.get("entities/ghcr.io-acme-gateway-latest.yaml"));
        assertThat(gateway.at("/spec/type").asText()).isEqualTo("managed-image");
        assertThat(gateway.at("/spec/dependsOn")).extracting(JsonNode::asText).containsExactly(
                "resource:default/ghcr.io-acme-payments-api-latest", "resource:default/ghcr.io-acme-payments-worker-latest");
        assertThat(gateway.at("/spec/owner").asText()).isEqualTo(GlobalSettings.DEFAULT_OWNER);

        JsonNode python = read(files.get("entities/python-3.12-slim.yaml"));
        assertThat(python.at("/spec/type").asText()).isEqualTo("base-image");
        assertThat(python.at("/metadata/labels/image-factory.io~1registry").asText()).isEqualTo("docker.io");
        assertThat(python.at("/metadata/tags")).extracting(JsonNode::asText).containsExactly("base-image", "docker-io");

        JsonNode base = read(files.get("entities/ghcr.io-acme-base-python-3.12.yaml"));
        assertThat(base.at("/spec/type").asText()).isEqualTo("managed-image");
        assertThat(base.at("/metadata/annotations/image-factory.io~1role").asText()).isEqualTo("managed+base");
        assertThat(base.at("/metadata/annotations/github.com~1project-slug").asText()).isEqualTo("acme/base-images");
        assertThat(base.at("/metadata/annotations/backstage.io~1source-location").asText())
                .isEqualTo("url:https://github.com/acme/base-python/tree/main/docker/");
        assertThat(base.at("/metadata/annotations/image-factory.io~1rebuild-status").asText()).isEqualTo("up-to-date");

        JsonNode api = read(files.get("entities/ghcr.io-acme-payments-api-latest.yaml"));
        assertThat(api.at("/spec/owner").asText()).isEqualTo("group:default/payments");
        assertThat(api.at("/metadata/annotations/image-factory.io~1digest").asText()).startsWith("sha256:");

        JsonNode tool = read(files.get("entities/localhost-5000-tools-tool-0-1.yaml"));
        assertThat(tool.at("/metadata/labels").has("image-factory.io/registry")).as("localhost:5000 is no label value").isFalse();
    }

    @Test
    void oneLocationListsEveryEntityFile() throws IOException {
        Map<String, String> files = generate();
        JsonNode index = read(files.get(CatalogGenerator.INDEX_FILE));
        assertThat(index.at("/kind").asText()).isEqualTo("Location");
        // The registration's type (file or url) applies to the targets; "./" makes them relative for both.
        assertThat(index.at("/spec").has("type")).isFalse();
        List<String> targets = new ArrayList<>();
        index.at("/spec/targets").forEach(t -> targets.add(t.asText()));
        assertThat(targets).hasSize(files.size() - 1)
                .allSatisfy(t -> assertThat(t).startsWith("./"))
                .allSatisfy(t -> assertThat(files).containsKey(t.substring(2)));
    }

    @Test
    void generationIsDeterministicAndWritesTheExampleForBackstage() throws IOException {
        Map<String, String> first = generate();
        enrollments.clear();
        managed.clear();
        assertThat(generate()).isEqualTo(first);
        assertThat(String.join("\n", first.values())).doesNotContain("password").doesNotContain("token");
        CatalogWriter.write(Path.of("target/catalog-example"), first);
        assertThat(Path.of("target/catalog-example/index.yaml")).exists();
    }
}
