package io.jenkins.plugins.imagefactory.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagefactory.config.Enrollment;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.state.StateMapper;
import io.jenkins.plugins.imagefactory.status.RunSource;
import io.jenkins.plugins.imagefactory.status.StatusView;
import io.jenkins.plugins.imagefactory.status.TagSource;
import io.jenkins.plugins.imagefactory.testing.ReadOnlyApiEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tags API asks the registry at most once per repository, page and page size within
 * {@code tags.cacheTtl}; past it, a failing registry gets the old page served as stale, with its age.
 */
class ApiTagCacheTest {

    private static final Instant START = Instant.parse("2026-11-24T10:00:00Z");

    @TempDir
    Path repo;

    private final List<String> registryCalls = new ArrayList<>();
    private boolean registryDown;
    private Instant now = START;
    private ApiReadRoutes routes;

    @BeforeEach
    void setUp() throws IOException {
        Files.writeString(repo.resolve("image-factory.yaml"), "version: 1\ntags:\n  cacheTtl: 10m\n");
        Files.createDirectories(repo.resolve("images"));
        Files.writeString(repo.resolve("images/app.yaml"), """
                name: app
                image: ghcr.io/acme/app
                tags: [latest, stable]
                source: {repository: "https://git.example.com/app.git"}
                build: {webhook: {url: "https://builds.example.com/hook"}}
                """);
        Optional<StatusView> view = StatusView.read(repo, START);
        assertThat(view).isPresent();
        TagSource registry = (repository, page, perPage) -> {
            registryCalls.add(repository.name() + " page " + page + "/" + perPage);
            if (registryDown) {
                throw new TagSource.TagSourceException("registry ghcr.io answered 503", null);
            }
            return new TagSource.TagPage(List.of(new TagSource.TagInfo("v" + page, "sha256:" + "a".repeat(64), 10L,
                    START, null)), page, perPage, true, true);
        };
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        routes = new ApiReadRoutes(new ReadOnlyApiEngine(view), registry, noRuns(), new TagPageCache(100), clock);
    }

    private ApiResponse tags(String image, int page) {
        String path = "/api/v1/images/" + image + "/tags";
        return routes.handle(new ApiRequest("GET", path, PathSegments.decode(path).orElseThrow(),
                Map.of("page", List.of(String.valueOf(page)), "per_page", List.of("5")), Map.of(), new byte[0])).orElseThrow();
    }

    private static JsonNode json(ApiResponse response) throws IOException {
        return StateMapper.json().readTree(response.body());
    }

    @Test
    void aSecondViewWithinTheTtlCostsTheRegistryNothingAndSaysHowOldThePageIs() throws IOException {
        JsonNode first = json(tags("app", 1));
        now = START.plus(Duration.ofMinutes(4));
        ApiResponse again = tags("app", 1);

        assertThat(registryCalls).containsExactly("ghcr.io/acme/app page 1/5");
        assertThat(first.path("ageSeconds").asLong()).isZero();
        assertThat(first.path("fetchedAt").asText()).isEqualTo("2026-11-24T10:00:00Z");
        assertThat(json(again).path("ageSeconds").asLong()).isEqualTo(240);
        assertThat(json(again).path("stale").asBoolean()).isFalse();
        assertThat(json(again).has("registryError")).isFalse();
        assertThat(again.headers()).containsEntry("Age", "240");
    }

    @Test
    void theCacheIsPerRepositoryPageAndPageSizeSoTwoTagsOfOneImageShareIt() throws IOException {
        tags("app", 1);
        tags(ImageReference.parse("ghcr.io/acme/app:stable").canonical().replace("/", "%2F").replace(":", "%3A"), 1);
        tags("app", 2);

        assertThat(registryCalls).containsExactly("ghcr.io/acme/app page 1/5", "ghcr.io/acme/app page 2/5");
    }

    @Test
    void pastTheTtlTheRegistryIsAskedAgainAndAFreshPageReplacesTheOld() throws IOException {
        tags("app", 1);
        now = START.plus(Duration.ofMinutes(10));

        JsonNode refreshed = json(tags("app", 1));

        assertThat(registryCalls).hasSize(2);
        assertThat(refreshed.path("ageSeconds").asLong()).isZero();
        assertThat(refreshed.path("fetchedAt").asText()).isEqualTo("2026-11-24T10:10:00Z");
    }

    @Test
    void pastTheTtlAFailingRegistryGetsTheOldPageServedAsStaleWithItsAgeAndTheError() throws IOException {
        tags("app", 1);
        registryDown = true;
        now = START.plus(Duration.ofMinutes(25));

        ApiResponse stale = tags("app", 1);

        assertThat(stale.status()).isEqualTo(200);
        assertThat(json(stale).path("stale").asBoolean()).isTrue();
        assertThat(json(stale).path("ageSeconds").asLong()).isEqualTo(1500);
        assertThat(json(stale).path("registryError").asText()).isEqualTo("registry ghcr.io answered 503");
        assertThat(json(stale).path("tags").get(0).path("tag").asText()).isEqualTo("v1");
        assertThat(stale.headers()).containsKey("Warning");

        ApiResponse never = tags("app", 3);
        assertThat(never.status()).isEqualTo(502);
        assertThat(registryCalls).hasSize(3);
    }

    private static RunSource noRuns() {
        return new RunSource() {
            @Override
            public RunPage runs(Enrollment enrollment, int page, int perPage) {
                throw new AssertionError("not a runs test");
            }

            @Override
            public void rerun(Enrollment enrollment, long id) {
                throw new AssertionError("not a runs test");
            }
        };
    }
}
