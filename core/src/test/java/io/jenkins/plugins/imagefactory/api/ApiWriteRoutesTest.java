package io.jenkins.plugins.imagefactory.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagefactory.git.PublishResult;
import io.jenkins.plugins.imagefactory.rebuild.BuildReport;
import io.jenkins.plugins.imagefactory.rebuild.NotCurrentBuildException;
import io.jenkins.plugins.imagefactory.sync.ManualActions;
import io.jenkins.plugins.imagefactory.status.RunSource;
import io.jenkins.plugins.imagefactory.status.StatusView;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The write routes as any host sees them: its own access rule, its own engine, the same answers. */
class ApiWriteRoutesTest {

    private static final Path EXAMPLE = Path.of("..", "examples", "config-repo");

    /** A host that lets requests carrying X-User write, as that user; like Jenkins' Rebuild permission. */
    private static final WriteAccess BY_USER = new WriteAccess() {
        @Override
        public Optional<ApiResponse> deny(ApiRequest request) {
            return request.header("X-User").isPresent() ? Optional.empty()
                    : Optional.of(ApiResponse.error(403, "needs the Rebuild permission"));
        }

        @Override
        public String actor(ApiRequest request) {
            return "jenkins:" + request.header("X-User").orElseThrow();
        }
    };

    private final List<String> rebuilds = new ArrayList<>();
    private final List<String> syncs = new ArrayList<>();
    private Optional<StatusView> view = StatusView.read(EXAMPLE, Instant.parse("2026-11-24T00:00:00Z"));

    private final ApiEngine engine = new ApiEngine() {
        @Override
        public Optional<StatusView> status() {
            return view;
        }

        @Override
        public Optional<String> lastError() {
            return Optional.of("cannot fetch the config repo");
        }

        @Override
        public void requestSync(String why) {
            syncs.add(why);
        }

        @Override
        public PublishResult requestRebuild(String enrollment, boolean urgent, String reason, String base, String actor) {
            rebuilds.add(enrollment + " urgent=" + urgent + " reason=" + reason + " base=" + base + " by " + actor);
            return new PublishResult.Published("c0ffee", 1, List.of());
        }

        @Override
        public ManualActions.ReportOutcome recordBuild(String enrollment, BuildReport report) {
            reports.add(enrollment + " " + report);
            if (report.key().equals("other-1")) {
                throw new NotCurrentBuildException("other-1 is not the current build of " + enrollment);
            }
            if (report.key().equals("done-1")) {
                return new ManualActions.ReportOutcome(false, "build done-1 (succeeded); nothing changed", null);
            }
            return new ManualActions.ReportOutcome(true, "recorded", new PublishResult.Published("beef", 1, List.of()));
        }
    };
    private final List<String> reports = new ArrayList<>();

    /** Re-runs are not what these tests are about; a call would fail them. */
    private static final RunSource NO_RUNS = new RunSource() {
        @Override
        public RunPage runs(io.jenkins.plugins.imagefactory.config.Enrollment enrollment, int page, int perPage) {
            throw new AssertionError("not expected");
        }

        @Override
        public void rerun(io.jenkins.plugins.imagefactory.config.Enrollment enrollment, long id) {
            throw new AssertionError("not expected");
        }
    };

    private final ApiWriteRoutes routes = new ApiWriteRoutes(engine, NO_RUNS, BY_USER, 64 * 1024);

    private ApiResponse post(String path, String body, Map<String, List<String>> headers) throws Exception {
        List<String> segments = PathSegments.decode(path).orElseThrow();
        return routes.handle(new ApiRequest("POST", path, segments, Map.of(), headers, body.getBytes(StandardCharsets.UTF_8)))
                .orElseThrow();
    }

    private static String text(ApiResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void anUrgentRebuildIsRecordedInTheHostsNameOfTheCallerAndWakesTheSync() throws Exception {
        assertThat(view).as("the example config repo must load").isPresent();

        ApiResponse answer = post("/api/v1/images/payments-api/rebuild", "{\"urgent\":true,\"reason\":\"CVE-2026-1234\"}",
                Map.of("X-User", List.of("alice")));

        assertThat(answer.status()).isEqualTo(202);
        assertThat(text(answer)).contains("\"commit\":\"c0ffee\"").contains("urgent rebuild requested");
        assertThat(rebuilds).containsExactly("payments-api urgent=true reason=CVE-2026-1234 base=null by jenkins:alice");
        assertThat(syncs).containsExactly("jenkins:alice:rebuild payments-api");
    }

    @Test
    void aTrustedCallerActingForAPersonIsRecordedWithThatPerson() throws Exception {
        ApiResponse answer = post("/api/v1/images/payments-api/rebuild", "{}",
                Map.of("X-User", List.of("backstage"), ApiWriteRoutes.ON_BEHALF_OF, List.of("user:default/jane.doe")));

        assertThat(answer.status()).isEqualTo(202);
        assertThat(rebuilds).containsExactly("payments-api urgent=false reason=null base=null by user:default/jane.doe via jenkins:backstage");
    }

    @Test
    void aPersonThatIsNotOneIdentityIsRefused() throws Exception {
        ApiResponse answer = post("/api/v1/images/payments-api/rebuild", "{}",
                Map.of("X-User", List.of("backstage"), ApiWriteRoutes.ON_BEHALF_OF, List.of("jane\nforged: line")));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(text(answer)).contains("X-Image-Factory-On-Behalf-Of must name one identity");
        assertThat(rebuilds).isEmpty();
    }

    @Test
    void onlyACallerTheHostLetsWriteMayNameAPerson() throws Exception {
        ApiResponse answer = post("/api/v1/images/payments-api/rebuild", "{}",
                Map.of(ApiWriteRoutes.ON_BEHALF_OF, List.of("user:default/jane")));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(rebuilds).isEmpty();
    }

    @Test
    void aCallerTheHostDeniesGetsItsAnswerAndNothingIsRecorded() throws Exception {
        ApiResponse answer = post("/api/v1/images/payments-api/rebuild", "{}", Map.of());

        assertThat(answer.status()).isEqualTo(403);
        assertThat(text(answer)).contains("needs the Rebuild permission");
        assertThat(rebuilds).isEmpty();
        assertThat(syncs).isEmpty();
    }

    @Test
    void badRequestsAreRefusedBeforeTheEngineIsAsked() throws Exception {
        Map<String, List<String>> alice = Map.of("X-User", List.of("alice"));

        assertThat(text(post("/api/v1/images/payments-api/rebuild", "{\"urgent\":true}", alice)))
                .contains("an urgent rebuild needs a /reason");
        assertThat(post("/api/v1/images/nope/rebuild", "{}", alice).status()).isEqualTo(404);
        assertThat(text(post("/api/v1/images/payments-api/rebuild", "{\"base\":\"not a reference!\"}", alice)))
                .contains("/base is not an image reference");
        assertThat(text(post("/api/v1/runs/abc/rerun", "", alice))).contains("run id must be a number");
        assertThat(rebuilds).isEmpty();
    }

    @Test
    void beforeTheFirstCycleTheAnswerSaysSoAndWhenToComeBack() throws Exception {
        view = Optional.empty();

        ApiResponse answer = post("/api/v1/images/payments-api/rebuild", "{}", Map.of("X-User", List.of("alice")));

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.headers()).containsEntry("Retry-After", "10");
        assertThat(text(answer)).contains("first sync not finished").contains("cannot fetch the config repo");
    }

    @Test
    void aFieldTheRouteDoesNotKnowIsRefusedNotIgnored() throws Exception {
        Map<String, List<String>> alice = Map.of("X-User", List.of("alice"));

        ApiResponse typo = post("/api/v1/images/payments-api/rebuild", "{\"urgnet\":true,\"reason\":\"CVE-2026-1\"}", alice);

        assertThat(typo.status()).isEqualTo(400);
        assertThat(text(typo)).contains("unknown field /urgnet (did you mean urgent?); expected urgent, reason, base");
        assertThat(rebuilds).as("never a silent normal rebuild").isEmpty();
    }

    @Test
    void aBuilderReportsItsResultForItsKey() throws Exception {
        Map<String, List<String>> ci = Map.of("X-User", List.of("ci"));
        String digest = "sha256:" + "a".repeat(64);

        ApiResponse recorded = post("/api/v1/images/payments-api/builds/3f9a1c2b7d4e5f60-1",
                "{\"result\":\"success\",\"digest\":\"" + digest + "\",\"runUrl\":\"https://ci.example.com/7\"}", ci);
        assertThat(recorded.status()).isEqualTo(201);
        assertThat(text(recorded)).contains("\"recorded\":true").contains("\"commit\":\"beef\"");
        assertThat(reports).singleElement().asString().contains("payments-api BuildReport[success=true, key=3f9a1c2b7d4e5f60-1")
                .contains("actor=jenkins:ci");
        assertThat(syncs).containsExactly("jenkins:ci:build payments-api");

        ApiResponse again = post("/api/v1/images/payments-api/builds/done-1", "{\"result\":\"success\"}", ci);
        assertThat(again.status()).isEqualTo(200);
        assertThat(text(again)).contains("\"recorded\":false").contains("nothing changed");

        assertThat(post("/api/v1/images/payments-api/builds/other-1", "{\"result\":\"failure\"}", ci).status())
                .isEqualTo(409);
        assertThat(text(post("/api/v1/images/payments-api/builds/k-1", "{\"result\":\"ok\"}", ci)))
                .contains("/result must be \\\"success\\\" or \\\"failure\\\"");
        assertThat(text(post("/api/v1/images/payments-api/builds/k-1", "{\"result\":\"success\",\"digest\":\"latest\"}", ci)))
                .contains("the digest must be algorithm:hex");
        assertThat(text(post("/api/v1/images/payments-api/builds/k-1", "{\"result\":\"success\",\"sha\":\"x\"}", ci)))
                .contains("unknown field /sha");
        assertThat(post("/api/v1/images/payments-api/builds/k-1", "{\"result\":\"success\"}", Map.of()).status())
                .as("the write access rule applies").isEqualTo(403);
        assertThat(reports).hasSize(3);
    }
}
