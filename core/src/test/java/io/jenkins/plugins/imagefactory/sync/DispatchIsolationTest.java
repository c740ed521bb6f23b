package io.jenkins.plugins.imagefactory.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.imagefactory.config.GlobalSettings;
import io.jenkins.plugins.imagefactory.git.ConfigRepository;
import io.jenkins.plugins.imagefactory.git.ConfigRepositoryLocation;
import io.jenkins.plugins.imagefactory.host.StandardPorts;
import io.jenkins.plugins.imagefactory.image.Platform;
import io.jenkins.plugins.imagefactory.registry.RegistryEndpoints;
import io.jenkins.plugins.imagefactory.secret.Secret;
import io.jenkins.plugins.imagefactory.secret.SecretResolver;
import io.jenkins.plugins.imagefactory.state.BuildRecord;
import io.jenkins.plugins.imagefactory.state.RebuildState;
import io.jenkins.plugins.imagefactory.state.StateStore;
import io.jenkins.plugins.imagefactory.testing.LocalRegistry;
import io.jenkins.plugins.imagefactory.testing.LocalRegistryExtension;
import io.jenkins.plugins.imagefactory.testing.MutableClock;
import io.jenkins.plugins.imagefactory.testing.git.BareRemote;
import io.jenkins.plugins.imagefactory.trigger.BuildTriggers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * One image's bad answer never stops the cycle: GitHub answers one repository without its
 * {@code owner} (the library trips over it), the other image is still dispatched and the outcomes
 * of both are committed, the broken one naming the missing field.
 */
class DispatchIsolationTest {

    @RegisterExtension
    static final LocalRegistryExtension REGISTRY = LocalRegistryExtension.anonymous();

    @RegisterExtension
    static WireMockExtension github = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path dir;

    @Test
    void aRepositoryAnsweredWithoutOwnerFailsItsImageAlone() {
        LocalRegistry registry = REGISTRY.registry();
        registry.pusher().pushImage("upstream/python", "3.12", Platform.LINUX_AMD64);
        BareRemote sources = BareRemote.create(dir, "sources");
        sources.commit("main", Map.of("Dockerfile", "FROM " + registry.host() + "/upstream/python:3.12\n"), "sources");
        BareRemote config = BareRemote.create(dir, "config");
        config.commit("main", Map.of(
                "image-factory.yaml", "version: 1\nbuildSystems:\n  github:\n    apiUrl: " + github.baseUrl()
                        + "\n    credentials: GH\n",
                "images/broken.yaml", enrollment(registry, sources, "broken"),
                "images/good.yaml", enrollment(registry, sources, "good")), "enroll");
        github.stubFor(get("/repos/acme/broken").willReturn(okJson("""
                {"id": 1, "name": "broken", "full_name": "acme/broken", "url": "%s/repos/acme/broken"}
                """.formatted(github.baseUrl()))));
        github.stubFor(get("/repos/acme/good").willReturn(okJson("""
                {"id": 2, "name": "good", "full_name": "acme/good", "owner": {"login": "acme", "id": 1},
                 "url": "%s/repos/acme/good"}
                """.formatted(github.baseUrl()))));
        github.stubFor(get(urlPathMatching("/repos/acme/.*/actions/workflows/build.yml")).willReturn(okJson("""
                {"id": 77, "name": "Build", "path": ".github/workflows/build.yml", "state": "active",
                 "url": "%s/repos/acme/good/actions/workflows/77"}
                """.formatted(github.baseUrl()))));
        github.stubFor(post(urlPathMatching("/repos/acme/.*/actions/workflows/77/dispatches"))
                .willReturn(aResponse().withStatus(204)));
        MutableClock clock = new MutableClock(Instant.parse("2026-11-01T00:00:00Z"));
        SecretResolver secrets = ref -> Optional.of(Secret.token("ghs_isolationtoken0123456789"));

        try (ConfigRepository repository = ConfigRepository.open(ConfigRepositoryLocation.of(config.url(), "main",
                dir.resolve("work")), SecretResolver.none())) {
            StandardPorts ports = new StandardPorts(secrets, dir.resolve("engine"), RegistryEndpoints.standard(),
                    cfg -> BuildTriggers.forConfig(cfg, secrets), clock);
            new SyncEngine(repository, ports, clock, m -> { }).sync(SyncOptions.scheduled());
            ManualActions actions = new ManualActions(repository, clock);
            actions.requestRebuild("broken", true, "CVE-2026-1", null, "alice");
            actions.requestRebuild("good", true, "CVE-2026-1", null, "alice");
            clock.advance(Duration.ofMinutes(1));

            SyncResult result = new SyncEngine(repository, ports, clock, m -> { }).sync(SyncOptions.scheduled());

            assertThat(result).isInstanceOfSatisfying(SyncResult.Completed.class,
                    completed -> assertThat(completed.commits()).hasSize(2));
            github.verify(1, postRequestedFor(urlPathEqualTo("/repos/acme/good/actions/workflows/77/dispatches")));
            Map<String, RebuildState> rebuilds = new StateStore(repository.workTree(), GlobalSettings.ConfigPaths.DEFAULT)
                    .loadRebuilds();
            assertThat(rebuilds.get("good").last().orElseThrow().status()).isEqualTo(BuildRecord.TRIGGERED);
            BuildRecord broken = rebuilds.get("broken").last().orElseThrow();
            assertThat(broken.status()).isEqualTo(BuildRecord.FAILED);
            assertThat(broken.message()).contains("acme/broken").contains("\"owner\" is missing");
        }
    }

    private static String enrollment(LocalRegistry registry, BareRemote sources, String name) {
        return "name: " + name + "\nimage: " + registry.host() + "/acme/" + name + "\nsource: {repository: \""
                + sources.url() + "\"}\nbuild:\n  github-actions: {repository: acme/" + name + ", workflow: build.yml}\n";
    }
}
