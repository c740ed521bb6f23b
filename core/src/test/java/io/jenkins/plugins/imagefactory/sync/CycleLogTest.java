package io.jenkins.plugins.imagefactory.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagefactory.config.GlobalSettings;
import io.jenkins.plugins.imagefactory.git.ConfigRepository;
import io.jenkins.plugins.imagefactory.git.ConfigRepositoryLocation;
import io.jenkins.plugins.imagefactory.host.StandardPorts;
import io.jenkins.plugins.imagefactory.image.Platform;
import io.jenkins.plugins.imagefactory.registry.RegistryEndpoints;
import io.jenkins.plugins.imagefactory.secret.Secret;
import io.jenkins.plugins.imagefactory.secret.SecretResolver;
import io.jenkins.plugins.imagefactory.state.StateStore;
import io.jenkins.plugins.imagefactory.testing.HeaderEchoServer;
import io.jenkins.plugins.imagefactory.testing.LocalRegistry;
import io.jenkins.plugins.imagefactory.testing.LocalRegistryExtension;
import io.jenkins.plugins.imagefactory.testing.MutableClock;
import io.jenkins.plugins.imagefactory.testing.git.BareRemote;
import io.jenkins.plugins.imagefactory.trigger.BuildTriggers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log lines of a cycle in which builds go wrong, as an operator reads them: a dispatch the
 * build system answered 503 (retried later), one it refused, and a build that never reported and
 * timed out. Each names the image, the key and why; none carries the token the build system
 * echoed back. GitHub is a real loopback server answering as its REST API documents; the registry
 * and git are real.
 */
class CycleLogTest {

    @RegisterExtension
    static final LocalRegistryExtension REGISTRY = LocalRegistryExtension.anonymous();

    static final String GITHUB_TOKEN = "ghs_" + "CycleLog5Token" + "q".repeat(18) + "77";

    @TempDir
    Path dir;

    /** GitHub's repository and workflow answers; a dispatch of flaky is 503 and of refused 404, each echoing the token. */
    static HeaderEchoServer github() {
        return new HeaderEchoServer(seen -> {
            String echoed = "you sent Authorization: " + seen.header("Authorization");
            if (seen.method().equals("POST") && seen.path().contains("/acme/flaky/")) {
                return new HeaderEchoServer.Answer(503, Map.of("Content-Type", "application/json"),
                        "{\"message\": \"Service Unavailable; " + echoed + "\"}");
            }
            if (seen.method().equals("POST")) {
                return new HeaderEchoServer.Answer(404, Map.of("Content-Type", "application/json"),
                        "{\"message\": \"Not Found; " + echoed + "\", \"documentation_url\":"
                                + " \"https://docs.github.com/rest/actions/workflows#create-a-workflow-dispatch-event\"}");
            }
            String repository = seen.path().replaceAll(".*/repos/acme/([a-z]+).*", "$1");
            if (seen.path().endsWith("/actions/workflows/build.yml")) {
                return new HeaderEchoServer.Answer(200, Map.of("Content-Type", "application/json"), """
                        {"id": 161335, "node_id": "MDg6V29ya2Zsb3cxNjEzMzU=", "name": "Build",
                         "path": ".github/workflows/build.yml", "state": "active",
                         "url": "https://api.github.com/repos/acme/%s/actions/workflows/161335"}
                        """.formatted(repository));
            }
            return new HeaderEchoServer.Answer(200, Map.of("Content-Type", "application/json"), """
                    {"id": 1296269, "name": "%1$s", "full_name": "acme/%1$s", "owner": {"login": "acme", "id": 1},
                     "url": "https://api.github.com/repos/acme/%1$s", "default_branch": "main"}
                    """.formatted(repository));
        });
    }

    @Test
    void failedDispatchesAndATimedOutBuildEachGetALineWithImageKeyAndReasonAndNoSecret() {
        LocalRegistry registry = REGISTRY.registry();
        registry.pusher().pushImage("upstream/python", "3.12", Platform.LINUX_AMD64);
        BareRemote sources = BareRemote.create(dir, "sources");
        sources.commit("main", Map.of("Dockerfile", "FROM " + registry.host() + "/upstream/python:3.12\n"), "sources");
        try (HeaderEchoServer github = github();
             HeaderEchoServer builder = new HeaderEchoServer(seen -> new HeaderEchoServer.Answer(202, Map.of(), ""))) {
            BareRemote config = BareRemote.create(dir, "config");
            config.commit("main", Map.of(
                    "image-factory.yaml", "version: 1\nbuildSystems:\n  github: {apiUrl: \"" + github.url() + "/api/v3\","
                            + " credentials: GH}\n",
                    "images/flaky.yaml", gitHubEnrollment(registry, sources, "flaky"),
                    "images/refused.yaml", gitHubEnrollment(registry, sources, "refused"),
                    "images/silent.yaml", "name: silent\nimage: " + registry.host() + "/acme/silent\nsource: {repository: \""
                            + sources.url() + "\"}\nbuild:\n  webhook: {url: \"" + builder.url() + "/build\"}\n  timeout: 1m\n"),
                    "enroll");
            SecretResolver secrets = reference -> "GH".equals(reference) ? Optional.of(Secret.token(GITHUB_TOKEN))
                    : Optional.empty();
            MutableClock clock = new MutableClock(Instant.parse("2026-11-01T00:00:00Z"));
            try (ConfigRepository repository = ConfigRepository.open(ConfigRepositoryLocation.of(config.url(), "main",
                    dir.resolve("work")), SecretResolver.none())) {
                StandardPorts ports = new StandardPorts(secrets, dir.resolve("engine"), RegistryEndpoints.standard(),
                        cfg -> BuildTriggers.forConfig(cfg, secrets), clock);
                new SyncEngine(repository, ports, clock, m -> { }).sync(SyncOptions.scheduled());
                ManualActions actions = new ManualActions(repository, clock);
                for (String image : List.of("flaky", "refused", "silent")) {
                    actions.requestRebuild(image, true, "CVE-2026-8", null, "alice");
                }
                clock.advance(Duration.ofMinutes(1));

                List<String> dispatching = CycleLog.lines(new SyncEngine(repository, ports, clock, m -> { })
                        .sync(SyncOptions.scheduled()), "schedule", Duration.ofMillis(1));
                String silentKey = new StateStore(repository.workTree(), GlobalSettings.ConfigPaths.DEFAULT).loadRebuilds()
                        .get("silent").last().orElseThrow().key();
                clock.advance(Duration.ofMinutes(2));
                List<String> later = CycleLog.lines(new SyncEngine(repository, ports, clock, m -> { })
                        .sync(SyncOptions.scheduled()), "schedule", Duration.ofMillis(1));

                String flaky = registry.host() + "/acme/flaky:latest";
                String refused = registry.host() + "/acme/refused:latest";
                String silent = registry.host() + "/acme/silent:latest";
                assertThat(dispatching).as(String.join("\n", dispatching))
                        .anySatisfy(line -> assertThat(line).startsWith("rebuild dispatch failed " + flaky + " key ")
                                .contains(": GitHub answered 503 dispatching ").contains("Service Unavailable")
                                .matches(".* \\(will retry at 2026-11-01T00:0\\d:\\d\\dZ\\)"))
                        .anySatisfy(line -> assertThat(line).startsWith("rebuild dispatch failed " + refused + " key ")
                                .contains(": GitHub says ").contains("does not exist or the token cannot see it (404)")
                                .doesNotContain("will retry"))
                        .anySatisfy(line -> assertThat(line).isEqualTo("rebuild triggered " + silent + " key " + silentKey
                                + " via webhook"));
                assertThat(later).as(String.join("\n", later)).anySatisfy(line -> assertThat(line)
                        .isEqualTo("rebuild timed out " + silent + " key " + silentKey + ": no result within 1m"
                                + " (build.timeout). If the build did finish, report it: image-factory record-build silent"
                                + " --key " + silentKey + " --result success|failure --force; otherwise the next due rebuild"
                                + " starts a new build"));
                assertThat(github.seen).as("the token was sent, and echoed back")
                        .anySatisfy(seen -> assertThat(seen.header("Authorization")).contains(GITHUB_TOKEN));
                for (String line : concat(dispatching, later)) {
                    assertThat(line).doesNotContain(GITHUB_TOKEN).doesNotContain(GITHUB_TOKEN.substring(0, 20));
                }
            }
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }

    private static String gitHubEnrollment(LocalRegistry registry, BareRemote sources, String name) {
        return "name: " + name + "\nimage: " + registry.host() + "/acme/" + name + "\nsource: {repository: \""
                + sources.url() + "\"}\nbuild:\n  github-actions: {repository: acme/" + name + ", workflow: build.yml}\n";
    }
}
