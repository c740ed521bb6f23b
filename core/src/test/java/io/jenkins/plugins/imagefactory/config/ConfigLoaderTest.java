package io.jenkins.plugins.imagefactory.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagefactory.image.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path repo;

    private static final String GLOBAL = """
            version: 1
            defaults:
              rebuild:
                delay: 3d
                auto: true
                platforms: [linux/amd64, linux/arm64]
              owner: group:default/platform
            registries:
              - host: ghcr.io
                credentials: GHCR_TOKEN
              - host: localhost:5000
                insecure: true
                concurrency: 2
            sources:
              - prefix: https://github.com/acme/
                credentials: GITHUB_TOKEN
            buildSystems:
              github:
                credentials: GITHUB_TOKEN
              jenkins:
                url: https://jenkins.example.com/
                credentials: jenkins-api
            sync:
              interval: 30m
            tags:
              cacheTtl: 2m
            """;

    private static final String API = """
            name: payments-api
            image: ghcr.io/acme/payments-api
            tags: [latest, "1.4"]
            owner: group:default/payments
            source:
              repository: https://github.com/acme/payments.git
              branch: trunk
              dockerfile: services/api/Dockerfile
              context: services/api
              buildArgs:
                PYTHON_VERSION: "3.12"
              target: runtime
            rebuild:
              delay: 36h
            build:
              github-actions:
                repository: acme/payments
                workflow: build-api.yml
                inputs:
                  base: ${baseDigest}
            labels:
              tier: critical
            """;

    private void write(String file, String text) throws IOException {
        Path path = repo.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }

    private List<String> errors() {
        ConfigLoadResult result = ConfigLoader.load(repo);
        assertThat(result).isInstanceOf(ConfigLoadResult.Invalid.class);
        return ((ConfigLoadResult.Invalid) result).errors().stream().map(ConfigError::toString).toList();
    }

    private ImageFactoryConfig valid() {
        return ConfigLoader.load(repo).orThrow();
    }

    @Test
    void loadsGlobalSettingsAndAppliesDefaults() throws IOException {
        write("image-factory.yaml", GLOBAL);
        write("images/payments/api.yaml", API);
        write("images/base.yml", """
                - name: base-python
                  image: localhost:5000/base/python
                  source: {repository: "file:///srv/git/base.git"}
                  rebuild: {auto: false}
                  build:
                    webhook: {url: "http://127.0.0.1:8080/build", secret: BUILDER_SECRET}
                - name: batch
                  image: docker.io/acme/batch
                  source: {repository: "git@github.com:acme/batch.git"}
                  build:
                    jenkins: {job: batch/main, parameters: {FLAVOUR: slim}}
                """);

        ImageFactoryConfig config = valid();

        assertThat(config.files()).containsExactly("image-factory.yaml", "images/base.yml", "images/payments/api.yaml");
        GlobalSettings settings = config.settings();
        assertThat(settings.defaultRebuild().delay()).isEqualTo(Duration.ofDays(3));
        assertThat(settings.registry("localhost:5000")).isEqualTo(new RegistrySettings("localhost:5000", true, null, 2));
        assertThat(settings.registry("ghcr.io").credentials()).isEqualTo("GHCR_TOKEN");
        assertThat(settings.registry("quay.io")).isEqualTo(RegistrySettings.defaultsFor("quay.io"));
        assertThat(settings.github()).isEqualTo(new GlobalSettings.GitHubSettings("https://api.github.com", "GITHUB_TOKEN"));
        assertThat(settings.jenkins().url()).isEqualTo("https://jenkins.example.com");
        assertThat(settings.syncInterval()).isEqualTo(Duration.ofMinutes(30));
        assertThat(settings.tagCacheTtl()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.sources()).containsExactly(
                new GlobalSettings.SourceAccess("https://github.com/acme/", "GITHUB_TOKEN"));

        Enrollment api = config.enrollment("payments-api").orElseThrow();
        assertThat(api.references()).extracting(Object::toString)
                .containsExactly("ghcr.io/acme/payments-api:latest", "ghcr.io/acme/payments-api:1.4");
        assertThat(api.source()).isEqualTo(new Source("https://github.com/acme/payments.git", "trunk",
                "services/api/Dockerfile", "services/api", java.util.Map.of("PYTHON_VERSION", "3.12"), "runtime"));
        assertThat(api.rebuild().delay()).isEqualTo(Duration.ofHours(36));
        assertThat(api.rebuild().auto()).isTrue();
        assertThat(api.rebuild().platforms()).containsExactly(Platform.parse("linux/amd64"), Platform.parse("linux/arm64"));
        assertThat(api.build()).isEqualTo(new BuildSpec.GitHubActions("acme/payments", "build-api.yml", "trunk",
                java.util.Map.of("base", "${baseDigest}")));
        assertThat(api.owner()).isEqualTo("group:default/payments");
        assertThat(api.origin().file()).isEqualTo("images/payments/api.yaml");

        Enrollment base = config.enrollment("base-python").orElseThrow();
        assertThat(base.tags()).containsExactly("latest");
        assertThat(base.source().branch()).isEqualTo("main");
        assertThat(base.source().dockerfile()).isEqualTo("Dockerfile");
        assertThat(base.rebuild().auto()).isFalse();
        assertThat(base.rebuild().delay()).isEqualTo(Duration.ofDays(3));
        assertThat(base.build()).isEqualTo(new BuildSpec.Webhook("http://127.0.0.1:8080/build", "BUILDER_SECRET"));
        assertThat(config.enrollment("batch").orElseThrow().build())
                .isEqualTo(new BuildSpec.Jenkins("batch/main", java.util.Map.of("FLAVOUR", "slim")));
    }

    @Test
    void minimalGlobalFileGivesDefaults() throws IOException {
        write("image-factory.yaml", "version: 1\n");
        write("images/a.yaml", """
                name: a
                image: alpine-derived
                source: {repository: "https://git.example.com/a.git"}
                build: {jenkins: {job: a}}
                """);
        ImageFactoryConfig config = valid();
        assertThat(config.settings().paths()).isEqualTo(GlobalSettings.ConfigPaths.DEFAULT);
        assertThat(config.settings().tagCacheTtl()).isEqualTo(Duration.ofMinutes(10));
        Enrollment a = config.enrollments().get(0);
        assertThat(a.image()).isEqualTo("docker.io/library/alpine-derived");
        assertThat(a.rebuild()).isEqualTo(RebuildPolicy.DEFAULT);
    }

    @Test
    void severalDocumentsInOneFile() throws IOException {
        write("image-factory.yaml", "version: 1\n");
        write("images/all.yaml", """
                name: a
                image: ghcr.io/o/a
                source: {repository: "https://git.example.com/a.git"}
                build: {jenkins: {job: a}}
                ---
                name: b
                image: ghcr.io/o/b
                source: {repository: "https://git.example.com/b.git"}
                build: {jenkins: {job: b}}
                """);
        assertThat(valid().enrollments()).extracting(Enrollment::name).containsExactly("a", "b");
    }

    @Test
    void unknownFieldSuggestsTheClosestName() throws IOException {
        write("image-factory.yaml", "version: 1\n");
        write("images/a.yaml", """
                name: a
                image: ghcr.io/o/a
                source:
                  repository: https://git.example.com/a.git
                  dockerfil: build/Dockerfile
                build: {jenkins: {job: a}}
                rebuid: {delay: 1d}
                """);
        assertThat(errors()).containsExactly(
                "images/a.yaml:5:3: source.dockerfil: unknown field (did you mean \"dockerfile\"?)",
                "images/a.yaml:7:1: rebuid: unknown field (did you mean \"rebuild\"?)");
    }

    @Test
    void unknownFieldWithNothingCloseListsTheChoices() throws IOException {
        write("image-factory.yaml", "version: 1\nwhatever: 1\n");
        assertThat(errors()).containsExactly("image-factory.yaml:2:1: whatever: unknown field; expected one of "
                + "buildSystems, defaults, egress, paths, registries, sources, sync, tags, version");
    }

    @Test
    void missingRequiredFieldsPointAtTheirMapping() throws IOException {
        write("image-factory.yaml", "version: 1\n");
        write("images/team/a.yaml", """
                - name: a
                  image: ghcr.io/o/a
                  source:
                    branch: main
                  build: {jenkins: {job: a}}
                - image: ghcr.io/o/b
                """);
        assertThat(errors()).containsExactly(
                "images/team/a.yaml:4:5: [0].source.repository: is required",
                "images/team/a.yaml:6:3: [1].name: is required",
                "images/team/a.yaml:6:3: [1].source: is required",
                "images/team/a.yaml:6:3: [1].build: is required");
    }

    @Test
    void badDurations() throws IOException {
        write("image-factory.yaml", """
                defaults:
                  rebuild:
                    delay: 7 days
                sync:
                  interval: P1M
                tags:
                  cacheTtl: 2d
                """);
        assertThat(errors()).containsExactly(
                "image-factory.yaml:3:12: defaults.rebuild.delay: expected " + Durations.EXPECTED + ", got \"7 days\"",
                "image-factory.yaml:5:13: sync.interval: duration \"P1M\" uses years or months, whose length varies;"
                        + " use days or weeks (P30D, P4W)",
                "image-factory.yaml:7:13: tags.cacheTtl: must be at most 1d; an older tag list hides new releases");
    }

    @Test
    void badImageReferences() throws IOException {
        write("image-factory.yaml", "version: 1\n");
        write("images/a.yaml", """
                - name: a
                  image: ghcr.io/Acme/App
                  source: {repository: "https://git.example.com/a.git"}
                  build: {jenkins: {job: a}}
                - name: b
                  image: ghcr.io/acme/b:1.0
                  source: {repository: "https://git.example.com/b.git"}
                  build: {jenkins: {job: b}}
                - name: c
                  image: ghcr.io/acme/c
                  tags: [ok, "-bad"]
                  source: {repository: "https://git.example.com/c.git"}
                  build: {jenkins: {job: c}}
                """);
        assertThat(errors()).containsExactly(
                "images/a.yaml:2:10: [0].image: invalid image reference \"ghcr.io/Acme/App\": repository name must be lowercase",
                "images/a.yaml:6:10: [1].image: expected registry/repository without tag or digest (list tags under"
                        + " \"tags\"), got \"ghcr.io/acme/b:1.0\"",
                "images/a.yaml:11:14: [2].tags[1]: invalid tag \"-bad\" (expected [A-Za-z0-9_][A-Za-z0-9_.-]{0,127})");
    }

    @Test
    void buildWithNoKindOrTwoKinds() throws IOException {
        write("image-factory.yaml", "version: 1\n");
        write("images/a.yaml", """
                - name: a
                  image: ghcr.io/o/a
                  source: {repository: "https://git.example.com/a.git"}
                  build: {}
                - name: b
                  image: ghcr.io/o/b
                  source: {repository: "https://git.example.com/b.git"}
                  build:
                    jenkins: {job: b}
                    webhook: {url: "https://hooks.example.com/b"}
                """);
        assertThat(errors()).containsExactly(
                "images/a.yaml:4:10: [0].build: expected exactly one build kind (github-actions, jenkins or webhook), got none",
                "images/a.yaml:9:5: [1].build: expected exactly one build kind, got 2: jenkins, webhook");
    }

    @Test
    void duplicateNamesNameBothFiles() throws IOException {
        write("image-factory.yaml", "version: 1\n");
        String body = """
                image: ghcr.io/o/%s
                source: {repository: "https://git.example.com/a.git"}
                build: {jenkins: {job: a}}
                """;
        write("images/team-a/app.yaml", "name: app\n" + body.formatted("a"));
        write("images/team-b/app.yaml", "\n\nname: app\n" + body.formatted("b"));
        assertThat(errors()).containsExactly("images/team-b/app.yaml:3:7: name: duplicate enrollment name \"app\""
                + " (also enrolled at images/team-a/app.yaml:1:7)");
    }

    @Test
    void sameImageAndTagEnrolledTwice() throws IOException {
        write("image-factory.yaml", "version: 1\n");
        write("images/a.yaml", """
                name: a
                image: ghcr.io/o/app
                tags: [latest, "2"]
                source: {repository: "https://git.example.com/a.git"}
                build: {jenkins: {job: a}}
                """);
        write("images/b.yaml", """
                name: b
                image: ghcr.io/o/app
                tags: [edge, "2"]
                source: {repository: "https://git.example.com/a.git"}
                build: {jenkins: {job: b}}
                """);
        assertThat(errors()).containsExactly("images/b.yaml:3:14: tags[1]: ghcr.io/o/app:2 is already enrolled as"
                + " \"a\" at images/a.yaml:1:1");
    }

    @Test
    void unreadableYamlGivesTheParserPosition() throws IOException {
        write("image-factory.yaml", "version: 1\n");
        write("images/a.yaml", """
                name: a
                image: [unclosed
                source: {repository: x}
                """);
        assertThat(errors()).singleElement().asString()
                .startsWith("images/a.yaml:3:").contains("unreadable YAML");
    }

    @Test
    void secretsWrittenInlineAreRejected() throws IOException {
        write("image-factory.yaml", """
                registries:
                  - host: ghcr.io
                    credentials: ghp_abcdefghijklmnopqrstuvwxyz0123456789
                  - host: docker.io
                    password: hunter2
                buildSystems:
                  github:
                    credentials: "user:s3cr3t"
                """);
        write("images/a.yaml", """
                name: a
                image: ghcr.io/o/a
                source: {repository: "https://bob:tok3n@git.example.com/a.git"}
                build:
                  webhook:
                    url: https://hooks.example.com/b
                    secret: Zx8kQ2mW9pL4vR7tY1nB6cJ3hG5fD0sA
                """);
        assertThat(errors()).containsExactly(
                "image-factory.yaml:3:18: registries[0].credentials: looks like a secret value; write the name of a"
                        + " credential (an environment variable in the CLI, a credentials id in Jenkins), never the secret itself",
                "image-factory.yaml:5:5: registries[1].password: secrets must not be written in the config repo;"
                        + " reference a credential instead",
                "image-factory.yaml:8:18: buildSystems.github.credentials: expected a credentials reference (letters,"
                        + " digits, _ . -, e.g. GHCR_TOKEN or ghcr-push), got a value that looks like a secret; never write"
                        + " secrets in the config repo",
                "images/a.yaml:3:22: source.repository: URL contains credentials; remove them and let the host supply"
                        + " credentials",
                "images/a.yaml:7:13: build.webhook.secret: looks like a secret value; write the name of a credential,"
                        + " never the secret itself");
        assertThat(String.join("\n", errors())).doesNotContain("hunter2").doesNotContain("tok3n");
    }

    @Test
    void wrongTypesAndDuplicateKeys() throws IOException {
        write("image-factory.yaml", """
                registries:
                  host: ghcr.io
                defaults:
                  rebuild:
                    auto: sometimes
                    auto: true
                """);
        assertThat(errors()).containsExactly(
                "image-factory.yaml:2:3: registries: expected a list of registries, got a mapping",
                "image-factory.yaml:5:11: defaults.rebuild.auto: expected true or false, got \"sometimes\"",
                "image-factory.yaml:6:5: auto: duplicate key (first defined at line 5)");
    }

    @Test
    void missingGlobalFile() {
        assertThat(errors()).containsExactly("image-factory.yaml:1:1: not found: a config repo has image-factory.yaml"
                + " at its root (it may be just \"version: 1\")");
    }

    @Test
    void reportsEveryProblemAtOnceAndNoConfig() throws IOException {
        write("image-factory.yaml", "version: 2\n");
        write("images/a.yaml", "name: Bad_Name\nimage: ghcr.io/o/a\nsource: {repository: ftp://x}\nbuild: {jenkins: {job: /a}}\n");
        assertThat(errors()).containsExactly(
                "image-factory.yaml:1:10: version: unsupported config version; this Image Factory reads version 1",
                "images/a.yaml:1:7: name: expected 1-63 lowercase letters, digits, '-', '.' or '_', starting and ending"
                        + " with a letter or digit, got \"Bad_Name\"",
                "images/a.yaml:3:22: source.repository: expected a git URL (https://, ssh://, git@host:path or file://),"
                        + " got \"ftp://x\"",
                "images/a.yaml:4:24: build.jenkins.job: expected a full job name such as team/app/main, got \"/a\"");
    }

    @Test
    void aTabUsedForIndentationIsReportedWhereItIs() throws IOException {
        write("image-factory.yaml", "version: 1\n");
        write("images/a.yaml", "name: a\nimage: ghcr.io/acme/a\nsource:\n\trepository: https://git.example.com/a.git\n");
        assertThat(errors()).containsExactly(
                "images/a.yaml:4:1: unreadable YAML: a tab where YAML expects spaces: indent with spaces, never tabs");
    }

    @Test
    void aHugeValueIsQuotedByItsStartAndLengthNotEchoedInFull() throws IOException {
        write("image-factory.yaml", "version: 1\n");
        String huge = "x".repeat(100_000);
        write("images/a.yaml", "name: " + huge + "\nimage: ghcr.io/acme/" + huge + "\nsource: {repository: \"" + huge
                + "\"}\nbuild: {webhook: {url: \"https://b/" + huge + "\"}}\n");
        List<String> errors = errors();
        assertThat(errors).isNotEmpty().allSatisfy(error -> assertThat(error).hasSizeLessThan(1_200));
        assertThat(String.join("\n", errors)).contains("\"" + "x".repeat(80) + "…\" (100000 characters)")
                .doesNotContain("x".repeat(200));
    }

    @Test
    void aBuildTimeoutIsReadNextToTheBuildKindAndMustBeAtLeastAMinute() throws IOException {
        write("image-factory.yaml", "version: 1\n");
        write("images/a.yaml", "name: a\nimage: ghcr.io/acme/a\nsource: {repository: https://git.example.com/a.git}\n"
                + "build: {webhook: {url: \"https://b/x\"}, timeout: 90m}\n");
        write("images/b.yaml", "name: b\nimage: ghcr.io/acme/b\nsource: {repository: https://git.example.com/b.git}\n"
                + "build: {webhook: {url: \"https://b/x\"}}\n");
        ImageFactoryConfig config = ConfigLoader.load(repo).orThrow();
        assertThat(config.enrollment("a").orElseThrow().buildTimeout()).isEqualTo(Duration.ofMinutes(90));
        assertThat(config.enrollment("b").orElseThrow().buildTimeout()).isEqualTo(Enrollment.DEFAULT_BUILD_TIMEOUT);

        write("images/a.yaml", "name: a\nimage: ghcr.io/acme/a\nsource: {repository: https://git.example.com/a.git}\n"
                + "build: {webhook: {url: \"https://b/x\"}, timeout: 30s, timout: 1h}\n");
        assertThat(errors()).anySatisfy(e -> assertThat(e).contains("build.timeout: must be at least 1m, got 30s"))
                .anySatisfy(e -> assertThat(e).contains("build.timout: unknown field (did you mean \"timeout\"?)"));
    }
}
