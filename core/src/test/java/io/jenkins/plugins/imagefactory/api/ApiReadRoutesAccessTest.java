package io.jenkins.plugins.imagefactory.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagefactory.config.Enrollment;
import io.jenkins.plugins.imagefactory.status.RunSource;
import io.jenkins.plugins.imagefactory.status.StatusView;
import io.jenkins.plugins.imagefactory.status.TagSource;
import io.jenkins.plugins.imagefactory.testing.ReadOnlyApiEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reads that spend the host's credentials (tags, runs) ask the host's read rule; plain status reads do not. */
class ApiReadRoutesAccessTest {

    private static final Path EXAMPLE = Path.of("..", "examples", "config-repo");
    private static final ReadAccess ONLY_VIEWERS = request -> request.header("X-Viewer").isPresent() ? Optional.empty()
            : Optional.of(ApiResponse.error(403, "needs the View permission"));

    private final List<String> calls = new ArrayList<>();
    private final Optional<StatusView> view = StatusView.read(EXAMPLE, Instant.parse("2026-11-24T00:00:00Z"));

    private final ApiEngine engine = new ReadOnlyApiEngine(view);

    private final TagSource tags = (reference, page, perPage) -> {
        calls.add("tags " + reference);
        throw new TagSource.TagSourceException("registry not reachable in this test", null);
    };

    private final RunSource runs = new RunSource() {
        @Override
        public RunPage runs(Enrollment enrollment, int page, int perPage) {
            calls.add("runs " + enrollment.name());
            return new RunPage(List.of(), page, perPage, 0);
        }

        @Override
        public void rerun(Enrollment enrollment, long id) {
            throw new AssertionError("not a read");
        }
    };

    private final ApiReadRoutes routes = new ApiReadRoutes(engine, tags, runs, new TagPageCache(10), Clock.systemUTC(),
            ONLY_VIEWERS);

    private ApiResponse get(String path, Map<String, List<String>> headers) {
        return routes.handle(new ApiRequest("GET", path, PathSegments.decode(path).orElseThrow(), Map.of(), headers,
                new byte[0])).orElseThrow();
    }

    @Test
    void tagsAndRunsNeedTheHostsPermissionAndTheSourceIsNotAskedWithoutIt() {
        ApiResponse tagsDenied = get("/api/v1/images/payments-api/tags", Map.of());
        ApiResponse runsDenied = get("/api/v1/images/payments-api/runs", Map.of());

        assertThat(tagsDenied.status()).isEqualTo(403);
        assertThat(runsDenied.status()).isEqualTo(403);
        assertThat(new String(runsDenied.body(), StandardCharsets.UTF_8)).contains("needs the View permission");
        assertThat(calls).isEmpty();

        assertThat(get("/api/v1/images/payments-api/runs", Map.of("X-Viewer", List.of("yes"))).status()).isEqualTo(200);
        assertThat(calls).containsExactly("runs payments-api");
    }

    @Test
    void theListAndAnImageNeedNoMoreThanReachingTheRoutes() {
        assertThat(view).isPresent();
        assertThat(get("/api/v1/images", Map.of()).status()).isEqualTo(200);
        assertThat(get("/api/v1/images/payments-api", Map.of()).status()).isEqualTo(200);
    }
}
