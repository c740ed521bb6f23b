package io.jenkins.plugins.imagefactory.trigger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.imagefactory.config.BuildSpec;
import io.jenkins.plugins.imagefactory.config.ConfigLocation;
import io.jenkins.plugins.imagefactory.config.Enrollment;
import io.jenkins.plugins.imagefactory.config.RebuildPolicy;
import io.jenkins.plugins.imagefactory.config.Source;
import io.jenkins.plugins.imagefactory.retry.RetryPolicy;
import io.jenkins.plugins.imagefactory.secret.Secret;
import io.jenkins.plugins.imagefactory.status.RunSource.RunSourceException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Re-runs go to GitHub only for a failed run of the image's own workflow. The stand-in answers
 * {@code GET /repos/{owner}/{repo}/actions/runs/{run_id}} with the shape of GitHub's REST docs.
 */
class GitHubRunSourceRerunTest {

    @RegisterExtension
    static WireMockExtension github = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String RERUN = "/repos/acme/payments/actions/runs/%d/rerun-failed-jobs";

    GitHubRunSource runs;

    @BeforeEach
    void setUp() {
        RetryPolicy quick = new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(2), d -> { }, () -> 0.5);
        runs = new GitHubRunSource(new GitHubActionsClient(github.baseUrl(), Secret.token("ghs_" + "t".repeat(36)), quick,
                Duration.ofSeconds(5)));
        github.stubFor(post(urlPathMatching("/repos/acme/payments/actions/runs/[0-9]+/rerun-failed-jobs"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("{}")));
    }

    static Enrollment built(String workflow) {
        return new Enrollment("payments-api", "ghcr.io/acme/payments-api", List.of("latest"),
                new Source("https://github.com/acme/payments.git", "main", "Dockerfile", ".", Map.of(), null),
                RebuildPolicy.DEFAULT, new BuildSpec.GitHubActions("acme/payments", workflow, "main", Map.of()),
                "group:default/payments", Map.of(), new ConfigLocation("images/payments-api.yaml", 1, 1));
    }

    /** A workflow run as GitHub's "Get a workflow run" documents it (fields the check does not read trimmed). */
    static String run(long id, long workflowId, String path, String status, String conclusion) {
        return """
                {"id": %d, "name": "Build", "node_id": "WFR_kwLOBFJ6ks4BvJ6q", "check_suite_id": 42,
                 "check_suite_node_id": "MDEwOkNoZWNrU3VpdGU0Mg==", "head_branch": "main",
                 "head_sha": "acb5820ced9479c074f688cc328bf03f341a511d", "path": "%s", "run_number": 562,
                 "event": "workflow_dispatch", "display_title": "image-factory 3f9a1c2b7d4e5f60-1", "status": "%s",
                 "conclusion": %s, "workflow_id": %d,
                 "url": "https://api.github.com/repos/acme/payments/actions/runs/%1$d",
                 "html_url": "https://github.com/acme/payments/actions/runs/%1$d", "pull_requests": [],
                 "created_at": "2026-11-02T10:00:03Z", "updated_at": "2026-11-02T10:04:00Z", "run_attempt": 1,
                 "run_started_at": "2026-11-02T10:00:09Z",
                 "workflow_url": "https://api.github.com/repos/acme/payments/actions/workflows/%5$d",
                 "repository": {"id": 1296269, "name": "payments", "full_name": "acme/payments"},
                 "head_repository": {"id": 1296269, "name": "payments", "full_name": "acme/payments"}}
                """.formatted(id, path, status, conclusion == null ? "null" : "\"" + conclusion + "\"", workflowId);
    }

    void given(long id, String json) {
        github.stubFor(get("/repos/acme/payments/actions/runs/" + id).willReturn(okJson(json)));
    }

    @Test
    void reRunsAFailedRunOfTheImagesOwnWorkflow() {
        given(30433642, run(30433642, 161335, ".github/workflows/build-api.yml@main", "completed", "failure"));

        assertThatCode(() -> runs.rerun(built("build-api.yml"), 30433642)).doesNotThrowAnyException();

        github.verify(1, postRequestedFor(urlPathEqualTo(RERUN.formatted(30433642))));
    }

    @Test
    void refusesARunOfAnotherWorkflowInTheSameRepositoryWithoutCallingGitHubsReRun() {
        given(123456, run(123456, 777001, ".github/workflows/deploy-production.yml@main", "completed", "failure"));

        assertThatThrownBy(() -> runs.rerun(built("build-api.yml"), 123456))
                .isInstanceOfSatisfying(RunSourceException.class, e -> assertThat(e.status())
                        .isEqualTo(404))
                .hasMessage("run 123456 is not a run of build-api.yml, the workflow that builds payments-api;"
                        + " only that workflow's runs are re-run for it");
        github.verify(0, postRequestedFor(urlPathMatching(".*/rerun.*")));
    }

    @Test
    void aWorkflowNamedByItsNumericIdIsMatchedByWorkflowId() {
        given(1, run(1, 161335, ".github/workflows/build-api.yml", "completed", "timed_out"));
        given(2, run(2, 999, ".github/workflows/161335.yml", "completed", "failure"));

        assertThatCode(() -> runs.rerun(built("161335"), 1)).doesNotThrowAnyException();
        assertThatThrownBy(() -> runs.rerun(built("161335"), 2)).hasMessageStartingWith("run 2 is not a run of 161335");

        github.verify(1, postRequestedFor(urlPathMatching(".*/rerun.*")));
    }

    @Test
    void aSimilarlyNamedWorkflowIsAnotherWorkflow() {
        given(3, run(3, 5, ".github/workflows/build-api.yml.bak", "completed", "failure"));
        given(4, run(4, 6, "other/.github/workflows/build-api.yml", "completed", "failure"));

        assertThatThrownBy(() -> runs.rerun(built("build-api.yml"), 3)).hasMessageStartingWith("run 3 is not a run of");
        assertThatThrownBy(() -> runs.rerun(built("build-api.yml"), 4)).hasMessageStartingWith("run 4 is not a run of");
        github.verify(0, postRequestedFor(urlPathMatching(".*/rerun.*")));
    }

    @Test
    void refusesARunWithoutFailedJobsWith409() {
        given(10, run(10, 161335, ".github/workflows/build-api.yml", "completed", "success"));
        given(11, run(11, 161335, ".github/workflows/build-api.yml", "in_progress", null));
        given(12, run(12, 161335, ".github/workflows/build-api.yml", "completed", "startup_failure"));
        given(13, run(13, 161335, ".github/workflows/build-api.yml", "completed", "cancelled"));

        assertThatThrownBy(() -> runs.rerun(built("build-api.yml"), 10)).isInstanceOfSatisfying(RunSourceException.class,
                e -> assertThat(e.status()).isEqualTo(409))
                .hasMessage("run 10 has no failed jobs to re-run (it finished with success)");
        assertThatThrownBy(() -> runs.rerun(built("build-api.yml"), 11))
                .hasMessage("run 11 is in_progress, not finished; only a finished run's failed jobs can be re-run");
        assertThatThrownBy(() -> runs.rerun(built("build-api.yml"), 12)).hasMessageContaining("failed to start");
        assertThatThrownBy(() -> runs.rerun(built("build-api.yml"), 13)).hasMessageContaining("finished with cancelled");
        github.verify(0, postRequestedFor(urlPathMatching(".*/rerun.*")));
    }

    @Test
    void aRunGitHubDoesNotKnowIs404AndAGitHubOutageIs502() {
        github.stubFor(get("/repos/acme/payments/actions/runs/99").willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"message": "Not Found", "documentation_url": "https://docs.github.com/rest/actions/workflow-runs#get-a-workflow-run", "status": "404"}
                        """)));
        github.stubFor(get("/repos/acme/payments/actions/runs/98").willReturn(aResponse().withStatus(503)
                .withBody("{\"message\": \"Service Unavailable\"}")));

        assertThatThrownBy(() -> runs.rerun(built("build-api.yml"), 99)).isInstanceOfSatisfying(RunSourceException.class,
                e -> assertThat(e.status()).isEqualTo(404))
                .hasMessage("GitHub has no run 99 in acme/payments");
        assertThatThrownBy(() -> runs.rerun(built("build-api.yml"), 98)).isInstanceOfSatisfying(RunSourceException.class,
                e -> assertThat(e.status()).isEqualTo(502))
                .hasMessageContaining("503");
        github.verify(0, postRequestedFor(urlPathMatching(".*/rerun.*")));
    }

    @Test
    void aRunWhoseAnswerDoesNotNameItsWorkflowIsNotReRun() {
        given(20, run(20, 161335, "", "completed", "failure").replace("\"path\": \"\", ", ""));

        assertThatThrownBy(() -> runs.rerun(built("build-api.yml"), 20)).isInstanceOfSatisfying(RunSourceException.class,
                e -> assertThat(e.status()).isEqualTo(502))
                .hasMessageContaining("does not say which workflow");
        github.verify(0, postRequestedFor(urlPathMatching(".*/rerun.*")));
    }
}
