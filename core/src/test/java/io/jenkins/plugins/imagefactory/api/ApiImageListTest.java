package io.jenkins.plugins.imagefactory.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagefactory.config.Enrollment;
import io.jenkins.plugins.imagefactory.state.StateMapper;
import io.jenkins.plugins.imagefactory.status.RunSource;
import io.jenkins.plugins.imagefactory.status.StatusView;
import io.jenkins.plugins.imagefactory.status.TagSource;
import io.jenkins.plugins.imagefactory.testing.ReadOnlyApiEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/images}: always a page with its total, never the whole estate; the default
 * page is small and serialised once per view. An unknown image is a 404 that suggests the one meant.
 */
class ApiImageListTest {

    private static final Path EXAMPLE = Path.of("..", "examples", "config-repo");

    private final StatusView view = StatusView.read(EXAMPLE, Instant.parse("2026-11-24T00:00:00Z")).orElseThrow();
    private final ApiReadRoutes routes = new ApiReadRoutes(new ReadOnlyApiEngine(Optional.of(view)), (reference, page, perPage) -> {
        throw new TagSource.TagSourceException("not asked in this test", null);
    }, new NoRuns(), new TagPageCache(10), Clock.systemUTC());

    @Test
    void withoutParametersTheAnswerIsTheFirstSmallPageSerialisedOncePerView() throws IOException {
        ApiResponse first = get("/api/v1/images", Map.of());
        ApiResponse second = get("/api/v1/images", Map.of());

        JsonNode page = json(first);
        assertThat(first.status()).isEqualTo(200);
        assertThat(page.get("page").asInt()).isEqualTo(1);
        assertThat(page.get("perPage").asInt()).isEqualTo(Paging.DEFAULT_PER_PAGE);
        assertThat(page.get("total").asInt()).isEqualTo(view.rows().size()).isGreaterThan(3);
        assertThat(page.get("images")).hasSize(Math.min(view.rows().size(), Paging.DEFAULT_PER_PAGE));
        assertThat(page.get("images").get(0).get("ref").asText()).isEqualTo(view.rows().get(0).ref());
        // every request between two cycles shares the one serialisation of the view
        assertThat(second.body()).isSameAs(first.body()).isSameAs(view.firstPageJson());
    }

    @Test
    void aPageCarriesTheTotalAndWhetherAnotherFollows() throws IOException {
        int all = view.rows().size();
        JsonNode page1 = json(get("/api/v1/images", Map.of("page", "1", "per_page", "3")));
        JsonNode last = json(get("/api/v1/images", Map.of("page", Integer.toString((all + 2) / 3), "per_page", "3")));
        JsonNode past = json(get("/api/v1/images", Map.of("page", "99", "per_page", "3")));

        assertThat(page1.get("images")).hasSize(3);
        assertThat(page1.get("total").asInt()).isEqualTo(all);
        assertThat(page1.get("page").asInt()).isEqualTo(1);
        assertThat(page1.get("perPage").asInt()).isEqualTo(3);
        assertThat(page1.get("hasNext").asBoolean()).isTrue();
        assertThat(page1.get("images").get(0).get("ref").asText()).isEqualTo(view.rows().get(0).ref());
        assertThat(last.get("images")).hasSize(all - 3 * ((all - 1) / 3));
        assertThat(last.get("hasNext").asBoolean()).isFalse();
        assertThat(past.get("images")).isEmpty();
        assertThat(past.get("total").asInt()).isEqualTo(all);
    }

    @Test
    void theDefaultPageIsSmall() throws IOException {
        JsonNode page = json(get("/api/v1/images", Map.of("page", "1")));

        assertThat(page.get("perPage").asInt()).isEqualTo(Paging.DEFAULT_PER_PAGE);
    }

    @Test
    void filtersByTextRoleAndStatusAndCountWhatMatches() throws IOException {
        String name = view.rows().stream().filter(r -> r.enrollment() != null).findFirst().orElseThrow().enrollment();
        JsonNode byText = json(get("/api/v1/images", Map.of("q", name.toUpperCase(java.util.Locale.ROOT))));
        JsonNode managed = json(get("/api/v1/images", Map.of("role", "managed", "per_page", "100")));
        long enrolled = view.rows().stream().filter(r -> r.enrollment() != null).count();
        String standing = view.rows().get(0).standing();
        JsonNode byStatus = json(get("/api/v1/images", Map.of("status", standing, "per_page", "100")));

        assertThat(byText.get("images")).extracting(row -> row.get("enrollment").asText()).contains(name);
        assertThat(byText.get("total").asInt()).isEqualTo(byText.get("images").size()).isLessThan(view.rows().size());
        assertThat(managed.get("total").asInt()).isEqualTo((int) enrolled);
        assertThat(byStatus.get("images")).allSatisfy(row -> assertThat(row.get("standing").asText()).isEqualTo(standing));
        assertThat(byStatus.get("total").asInt())
                .isEqualTo((int) view.rows().stream().filter(r -> r.standing().equals(standing)).count());
    }

    @Test
    void anUnknownRoleOrStatusOrAnOversizedPageIsRefusedSayingWhatIsAllowed() {
        ApiResponse role = get("/api/v1/images", Map.of("role", "admin"));
        ApiResponse status = get("/api/v1/images", Map.of("status", "green"));
        ApiResponse perPage = get("/api/v1/images", Map.of("per_page", "1000"));

        assertThat(role.status()).isEqualTo(400);
        assertThat(text(role)).contains("role must be one of [base, managed, managed+base]").contains("admin");
        assertThat(status.status()).isEqualTo(400);
        assertThat(text(status)).contains("status must be one of").contains("up-to-date").contains("green");
        assertThat(perPage.status()).isEqualTo(400);
        assertThat(text(perPage)).contains("per_page must be a whole number from 1 to 100");
    }

    @Test
    void anUnknownNameIsA404ThatNamesTheImageMeantWhenItIsASlip() throws IOException {
        ApiResponse slip = get("/api/v1/images/payments-apj", Map.of());
        ApiResponse stranger = get("/api/v1/images/something-else-entirely", Map.of());
        ApiResponse huge = get("/api/v1/images/" + "payments-api".repeat(100), Map.of());

        assertThat(slip.status()).isEqualTo(404);
        assertThat(json(slip).get("error").asText()).startsWith("no tracked image \"payments-apj\" (did you mean \"payments-api\"?); use");
        assertThat(json(stranger).get("error").asText()).doesNotContain("did you mean");
        assertThat(huge.status()).isEqualTo(404);
        assertThat(json(huge).get("error").asText()).doesNotContain("did you mean");
    }

    private ApiResponse get(String path, Map<String, String> query) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        query.forEach((name, value) -> parameters.put(name, List.of(value)));
        return routes.handle(new ApiRequest("GET", path, PathSegments.decode(path).orElseThrow(), parameters, Map.of(),
                new byte[0])).orElseThrow();
    }

    private static JsonNode json(ApiResponse response) throws IOException {
        return StateMapper.json().readTree(response.body());
    }

    private static String text(ApiResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static final class NoRuns implements RunSource {
        @Override
        public RunPage runs(Enrollment enrollment, int page, int perPage) {
            throw new AssertionError("not asked in this test");
        }

        @Override
        public void rerun(Enrollment enrollment, long id) {
            throw new AssertionError("not a read");
        }
    }
}
