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

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.jenkins.plugins.imagefactory.config.GlobalSettings;
import io.jenkins.plugins.imagefactory.git.ConfigRepository;
import io.jenkins.plugins.imagefactory.git.ConfigRepositoryLocation;
import io.jenkins.plugins.imagefactory.host.StandardPorts;
import io.jenkins.plugins.imagefactory.image.Platform;
import io.jenkins.plugins.imagefactory.registry.RegistryEndpoints;
import io.jenkins.plugins.imagefactory.secret.Secret;
import io.jenkins.plugins.imagefactory.secret.SecretResolver;
import io.jenkins.plugins.imagefactory.state.BuildRecord;
import io.jenkins.plugins.imagefactory.state.StateMapper;
import io.jenkins.plugins.imagefactory.state.StateStore;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A base update rebuilds its dependents through GitHub Actions, in dependency order, once each,
 * with the exact digests: the real registry and git, and a GitHub stand-in answering as GitHub's
 * REST documentation shows. The test plays the workflows' part by pushing the images they build.
 */
class GitHubRebuildEndToEndTest {

    @RegisterExtension
    static final LocalRegistryExtension REGISTRY = LocalRegistryExtension.anonymous();

    @RegisterExtension
    static WireMockExtension github = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String TOKEN = "ghs_e2etokenvalue0123456789abcdefghijk";

    @TempDir
    Path dir;

    LocalRegistry registry;
    String host;
    BareRemote config;
    ConfigRepository repository;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T00:00:00Z"));
    final SecretResolver secrets = ref -> "GITHUB_TOKEN".equals(ref) ? Optional.of(Secret.token(TOKEN)) : Optional.empty();

    @BeforeEach
    void setUp() {
        registry = REGISTRY.registry();
        host = registry.host();
        registry.pusher().pushImage("upstream/python", "3.12", Platform.LINUX_AMD64);
        registry.pusher().pushImage("acme/base", "1", Platform.LINUX_AMD64);
        registry.pusher().pushImage("acme/app", "1", Platform.LINUX_AMD64);
        BareRemote sources = BareRemote.create(dir, "sources");
        sources.commit("main", Map.of("base/Dockerfile", "FROM " + host + "/upstream/python:3.12\n",
                "app/Dockerfile", "FROM " + host + "/acme/base:1\n"), "sources");
        config = BareRemote.create(dir, "config");
        config.commit("main", Map.of(
                "image-factory.yaml", "version: 1\ndefaults:\n  rebuild: {delay: 1h}\nbuildSystems:\n  github:\n    apiUrl: "
                        + github.baseUrl() + "\n    credentials: GITHUB_TOKEN\n",
                "images/base.yaml", enrollment("base", sources.url()),
                "images/app.yaml", enrollment("app", sources.url())), "enroll");
        repository = ConfigRepository.open(ConfigRepositoryLocation.of(config.url(), "main", dir.resolve("work/config")),
                SecretResolver.none());
        github.stubFor(get("/repos/acme/images").willReturn(okJson("""
                {"id": 1296269, "name": "images", "full_name": "acme/images", "owner": {"login": "acme", "id": 1},
                 "url": "%s/repos/acme/images", "html_url": "https://github.com/acme/images", "default_branch": "main"}
                """.formatted(github.baseUrl()))));
        for (String name : List.of("base", "app")) {
            long id = name.equals("base") ? 1001 : 1002;
            github.stubFor(get("/repos/acme/images/actions/workflows/" + name + ".yml").willReturn(okJson("""
                    {"id": %d, "node_id": "W_%s", "name": "Build %s", "path": ".github/workflows/%s.yml", "state": "active",
                     "url": "%s/repos/acme/images/actions/workflows/%d", "html_url": "https://github.com/acme/images",
                     "badge_url": "https://github.com/acme/images/badge.svg",
                     "created_at": "2020-01-08T23:48:37.000-08:00", "updated_at": "2020-01-08T23:50:21.000-08:00"}
                    """.formatted(id, name, name, name, github.baseUrl(), id))));
            github.stubFor(post("/repos/acme/images/actions/workflows/" + id + "/dispatches")
                    .willReturn(aResponse().withStatus(204)));
        }
        github.stubFor(get(urlPathMatching("/repos/acme/images/actions/workflows/.*/runs"))
                .willReturn(okJson("{\"total_count\": 0, \"workflow_runs\": []}")));
    }

    @AfterEach
    void tearDown() {
        repository.close();
    }

    String enrollment(String name, String sources) {
        return "name: " + name + "\nimage: " + host + "/acme/" + name + "\ntags: [\"1\"]\nsource:\n  repository: " + sources
                + "\n  dockerfile: " + name + "/Dockerfile\nbuild:\n  github-actions:\n    repository: acme/images\n"
                + "    workflow: " + name + ".yml\n";
    }

    void sync() {
        StandardPorts ports = new StandardPorts(secrets, dir.resolve("work"), RegistryEndpoints.standard(),
                cfg -> BuildTriggers.forConfig(cfg, secrets), clock);
        assertThat(new SyncEngine(repository, ports, clock, m -> { }).sync(SyncOptions.scheduled()))
                .isInstanceOf(SyncResult.Completed.class);
    }

    List<LoggedRequest> dispatches() {
        return github.findAll(postRequestedFor(urlPathMatching("/repos/acme/images/actions/workflows/.*/dispatches")));
    }

    static JsonNode context(LoggedRequest dispatch) throws Exception {
        JsonNode body = StateMapper.json().readTree(dispatch.getBodyAsString());
        assertThat(body.path("ref").asText()).isEqualTo("main");
        return StateMapper.json().readTree(body.path("inputs").path("image_factory_context").asText());
    }

    @Test
    void baseThenAppEachOnceWithTheExactDigests() throws Exception {
        sync();
        StateStore store = new StateStore(repository.workTree(), GlobalSettings.ConfigPaths.DEFAULT);
        String oldPython = store.loadImages().get(host + "/upstream/python:3.12").digest();
        String oldBase = store.loadImages().get(host + "/acme/base:1").digest();

        String newPython = registry.pusher().pushImage("upstream/python", "3.12", Platform.LINUX_AMD64).digest();
        clock.advance(Duration.ofMinutes(1));
        sync();
        assertThat(dispatches()).as("the delay has not passed").isEmpty();

        clock.advance(Duration.ofHours(1));
        sync();
        assertThat(dispatches()).singleElement().satisfies(d ->
                assertThat(d.getUrl()).isEqualTo("/repos/acme/images/actions/workflows/1001/dispatches"));
        JsonNode base = context(dispatches().get(0));
        assertThat(base.path("image").asText()).isEqualTo("base");
        assertThat(base.path("causes").get(0).path("base").asText()).isEqualTo(host + "/upstream/python:3.12");
        assertThat(base.path("causes").get(0).path("oldDigest").asText()).isEqualTo(oldPython);
        assertThat(base.path("causes").get(0).path("newDigest").asText()).isEqualTo(newPython);

        // The base workflow runs: it pushes the new base image.
        String newBase = registry.pusher().pushImage("acme/base", "1", Platform.LINUX_AMD64).digest();
        clock.advance(Duration.ofMinutes(10));
        sync();
        assertThat(dispatches()).hasSize(2);
        JsonNode app = context(dispatches().get(1));
        assertThat(dispatches().get(1).getUrl()).isEqualTo("/repos/acme/images/actions/workflows/1002/dispatches");
        assertThat(app.path("image").asText()).isEqualTo("app");
        assertThat(app.path("causes").get(0).path("base").asText()).isEqualTo(host + "/acme/base:1");
        assertThat(app.path("causes").get(0).path("oldDigest").asText()).isEqualTo(oldBase);
        assertThat(app.path("causes").get(0).path("newDigest").asText()).isEqualTo(newBase);
        assertThat(new StateStore(repository.workTree(), GlobalSettings.ConfigPaths.DEFAULT).loadRebuilds().get("base")
                .last().orElseThrow().status()).isEqualTo(BuildRecord.SUCCEEDED);

        registry.pusher().pushImage("acme/app", "1", Platform.LINUX_AMD64);
        clock.advance(Duration.ofHours(5));
        sync();
        sync();
        assertThat(dispatches()).as("each image once").hasSize(2);
        github.verify(0, postRequestedFor(urlPathEqualTo("/repos/acme/images/actions/workflows/1002/dispatches"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(oldPython)));
    }
}
