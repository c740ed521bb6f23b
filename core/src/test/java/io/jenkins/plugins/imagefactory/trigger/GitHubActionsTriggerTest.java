package io.jenkins.plugins.imagefactory.trigger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.imagefactory.config.BuildSpec;
import io.jenkins.plugins.imagefactory.retry.RetryPolicy;
import io.jenkins.plugins.imagefactory.secret.Secret;
import io.jenkins.plugins.imagefactory.state.BuildRecord.BuildCause;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** workflow_dispatch and run lookups against a GitHub stand-in answering exactly as GitHub's REST docs show. */
class GitHubActionsTriggerTest {

    @RegisterExtension
    static WireMockExtension github = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String TOKEN = "ghs_testtokenvalue0123456789abcdefghij";
    static final String BASE = "sha256:" + "1".repeat(64);
    static final String NEW = "sha256:" + "2".repeat(64);

    final List<Duration> sleeps = new ArrayList<>();
    GitHubActionsTrigger trigger;

    @BeforeEach
    void setUp() {
        String api = github.baseUrl();
        github.stubFor(get("/repos/acme/payments").willReturn(okJson("""
                {"id": 1296269, "node_id": "MDEwOlJlcG9zaXRvcnkxMjk2MjY5", "name": "payments", "full_name": "acme/payments",
                 "owner": {"login": "acme", "id": 1, "type": "Organization"}, "private": true,
                 "html_url": "https://github.com/acme/payments", "url": "%s/repos/acme/payments", "default_branch": "main"}
                """.formatted(api))));
        github.stubFor(get("/repos/acme/payments/actions/workflows/build-api.yml").willReturn(okJson("""
                {"id": 161335, "node_id": "MDg6V29ya2Zsb3cxNjEzMzU=", "name": "Build API", "path": ".github/workflows/build-api.yml",
                 "state": "active", "created_at": "2020-01-08T23:48:37.000-08:00", "updated_at": "2020-01-08T23:50:21.000-08:00",
                 "url": "%s/repos/acme/payments/actions/workflows/161335",
                 "html_url": "https://github.com/acme/payments/blob/main/.github/workflows/build-api.yml",
                 "badge_url": "https://github.com/acme/payments/workflows/Build%%20API/badge.svg"}
                """.formatted(api))));
        RetryPolicy quick = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1), sleeps::add, () -> 0.5);
        trigger = new GitHubActionsTrigger(new GitHubActionsClient(api, Secret.token(TOKEN), quick, Duration.ofSeconds(5)));
    }

    static RebuildContext context(Map<String, String> inputs) {
        return new RebuildContext("payments-api", List.of("ghcr.io/acme/payments-api:latest"), "3f9a1c2b7d4e5f60-1", false,
                "system", null, List.of(new BuildCause("docker.io/library/python:3.12-slim", BASE, NEW)),
                Instant.parse("2026-11-02T10:00:00Z"),
                new BuildSpec.GitHubActions("acme/payments", "build-api.yml", "main", inputs));
    }

    @Test
    void dispatchesTheWorkflowWithTheContextAsItsOneInput() throws TriggerException {
        github.stubFor(post("/repos/acme/payments/actions/workflows/161335/dispatches").willReturn(aResponse().withStatus(204)));
        RunStatus status = trigger.dispatch(context(Map.of()));
        assertThat(status.state()).isEqualTo(RunStatus.State.UNKNOWN);
        github.verify(postRequestedFor(urlPathEqualTo("/repos/acme/payments/actions/workflows/161335/dispatches"))
                .withHeader("Authorization", equalTo("token " + TOKEN).or(equalTo("Bearer " + TOKEN)))
                .withRequestBody(equalToJson("{\"ref\":\"main\",\"inputs\":{\"image_factory_context\":\"${json-unit.any-string}\"}}")));
        String sent = github.findAll(postRequestedFor(urlPathEqualTo("/repos/acme/payments/actions/workflows/161335/dispatches")))
                .get(0).getBodyAsString();
        assertThat(sent).contains("\\\"key\\\":\\\"3f9a1c2b7d4e5f60-1\\\"").contains(NEW);
    }

    @Test
    void aRenamedRepositoryRedirectIsFollowedWithoutTakingTheTokenToAnotherHost() throws TriggerException {
        // GitHub answers a renamed repository with 301 to /repositories/{id}; here that is another origin
        String other = github.baseUrl().contains("localhost") ? "http://127.0.0.1:" + github.getPort()
                : "http://localhost:" + github.getPort();
        github.stubFor(get("/repos/acme/old-payments").willReturn(aResponse().withStatus(301)
                .withHeader("Location", other + "/repositories/1296269")
                .withBody("{\"message\": \"Moved Permanently\", \"url\": \"" + other + "/repositories/1296269\"}")));
        github.stubFor(get("/repositories/1296269").willReturn(okJson("""
                {"id": 1296269, "name": "payments", "full_name": "acme/payments", "owner": {"login": "acme", "id": 1},
                 "url": "%s/repos/acme/payments", "default_branch": "main"}
                """.formatted(github.baseUrl()))));
        github.stubFor(post("/repos/acme/payments/actions/workflows/161335/dispatches").willReturn(aResponse().withStatus(204)));
        RebuildContext renamed = new RebuildContext("payments-api", List.of("ghcr.io/acme/payments-api:latest"), "k-2", false,
                "system", null, List.of(), Instant.parse("2026-11-02T10:00:00Z"),
                new BuildSpec.GitHubActions("acme/old-payments", "build-api.yml", "main", Map.of()));

        trigger.dispatch(renamed);

        assertThat(github.findAll(getRequestedFor(urlPathEqualTo("/repositories/1296269")))).singleElement()
                .satisfies(request -> {
                    assertThat(request.getAbsoluteUrl()).startsWith(other);
                    assertThat(request.containsHeader("Authorization")).as("token sent across hosts").isFalse();
                });
        github.verify(postRequestedFor(urlPathEqualTo("/repos/acme/payments/actions/workflows/161335/dispatches"))
                .withHeader("Authorization", equalTo("token " + TOKEN).or(equalTo("Bearer " + TOKEN))));
    }

    @Test
    void fillsPlaceholdersInTheEnrollmentsOwnInputs() throws TriggerException {
        Map<String, Object> inputs = GitHubActionsTrigger.inputs((BuildSpec.GitHubActions) context(
                Map.of("base", "${baseRef}@${baseDigest}", "why", "rebuild ${key} (urgent=${urgent})")).build(),
                context(Map.of("base", "${baseRef}@${baseDigest}", "why", "rebuild ${key} (urgent=${urgent})")));
        assertThat(inputs).containsEntry("base", "docker.io/library/python:3.12-slim@" + NEW)
                .containsEntry("why", "rebuild 3f9a1c2b7d4e5f60-1 (urgent=false)");
        assertThatThrownBy(() -> GitHubActionsTrigger.inputs((BuildSpec.GitHubActions) context(Map.of("x", "${nope}")).build(),
                context(Map.of("x", "${nope}")))).hasMessageContaining("uses ${nope}; known placeholders");
    }

    @Test
    void unexpectedInputsTellTheUserWhatToDeclare() {
        github.stubFor(post("/repos/acme/payments/actions/workflows/161335/dispatches").willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Unexpected inputs provided: [\\\"image_factory_context\\\"]\","
                        + "\"documentation_url\":\"https://docs.github.com/rest/actions/workflows#create-a-workflow-dispatch-event\"}")));
        assertThatThrownBy(() -> trigger.dispatch(context(Map.of())))
                .isInstanceOfSatisfying(TriggerException.class, e -> assertThat(e.isTransient()).isFalse())
                .hasMessageContaining("Declare them under on.workflow_dispatch.inputs in .github/workflows/build-api.yml")
                .hasMessageNotContaining(TOKEN);
    }

    /**
     * GitHub answers 404 for a workflow the token cannot see (its documented answer for a private
     * repository without access). That is no outage: it is reported once, not retried, in words
     * that say what to check, and a body that echoes the token does not carry it into the message.
     */
    @Test
    void aWorkflowTheTokenCannotSeeIsAPermanentFailureThatEchoesNoToken() {
        github.stubFor(post("/repos/acme/payments/actions/workflows/161335/dispatches").willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest/actions/workflows"
                        + "#create-a-workflow-dispatch-event\",\"request\":\"Authorization: token " + TOKEN + "\"}")));

        assertThatThrownBy(() -> trigger.dispatch(context(Map.of())))
                .isInstanceOfSatisfying(TriggerException.class, e -> assertThat(e.isTransient()).isFalse())
                .hasMessageContaining("does not exist or the token cannot see it (404)")
                .hasMessageNotContaining(TOKEN)
                .hasMessageNotContaining(TOKEN.substring(0, 12));
        assertThat(sleeps).isEmpty();
        github.verify(1, postRequestedFor(urlPathEqualTo("/repos/acme/payments/actions/workflows/161335/dispatches")));
    }

    @Test
    void serverErrorsAreRetriedWithBackoffThenReportedAsTransient() {
        github.stubFor(post("/repos/acme/payments/actions/workflows/161335/dispatches").willReturn(aResponse().withStatus(503)
                .withBody("{\"message\":\"Service Unavailable\"}")));
        assertThatThrownBy(() -> trigger.dispatch(context(Map.of())))
                .isInstanceOfSatisfying(TriggerException.class, e -> assertThat(e.isTransient()).isTrue())
                .hasMessageContaining("503");
        assertThat(sleeps).hasSize(2);
        github.verify(3, postRequestedFor(urlPathEqualTo("/repos/acme/payments/actions/workflows/161335/dispatches")));
    }

    @Test
    void findsTheRunCarryingTheKeyAndMapsItsStatus() throws TriggerException {
        github.stubFor(get(urlPathEqualTo("/repos/acme/payments/actions/workflows/build-api.yml/runs")).willReturn(okJson("""
                {"total_count": 2, "workflow_runs": [
                  {"id": 30433642, "name": "Build API", "display_title": "image-factory 0000000000000000-1",
                   "head_sha": "acb5820ced9479c074f688cc328bf03f341a511d", "event": "workflow_dispatch", "status": "completed",
                   "conclusion": "success", "workflow_id": 161335, "html_url": "https://github.com/acme/payments/actions/runs/30433642",
                   "created_at": "2026-11-02T09:00:00Z", "updated_at": "2026-11-02T09:04:00Z", "run_started_at": "2026-11-02T09:00:05Z"},
                  {"id": 30433643, "name": "Build API", "display_title": "image-factory 3f9a1c2b7d4e5f60-1",
                   "head_sha": "bcb5820ced9479c074f688cc328bf03f341a511e", "event": "workflow_dispatch", "status": "in_progress",
                   "conclusion": null, "workflow_id": 161335, "html_url": "https://github.com/acme/payments/actions/runs/30433643",
                   "created_at": "2026-11-02T10:00:03Z", "updated_at": "2026-11-02T10:01:00Z", "run_started_at": "2026-11-02T10:00:09Z"}
                ]}
                """)));
        RunStatus found = trigger.find(context(Map.of())).orElseThrow();
        assertThat(found.state()).isEqualTo(RunStatus.State.RUNNING);
        assertThat(found.id()).isEqualTo("30433643");
        assertThat(found.url()).isEqualTo("https://github.com/acme/payments/actions/runs/30433643");
    }

    @Test
    void mapsEveryDocumentedStatusAndConclusion() throws Exception {
        var json = io.jenkins.plugins.imagefactory.state.StateMapper.json();
        assertThat(GitHubActionsTrigger.status(json.readTree("{\"status\":\"queued\",\"conclusion\":null}")).state())
                .isEqualTo(RunStatus.State.QUEUED);
        assertThat(GitHubActionsTrigger.status(json.readTree("{\"status\":\"waiting\"}")).state()).isEqualTo(RunStatus.State.QUEUED);
        assertThat(GitHubActionsTrigger.status(json.readTree("{\"status\":\"in_progress\"}")).state())
                .isEqualTo(RunStatus.State.RUNNING);
        RunStatus failed = GitHubActionsTrigger.status(json.readTree(
                "{\"status\":\"completed\",\"conclusion\":\"timed_out\",\"updated_at\":\"2026-11-02T10:00:00Z\"}"));
        assertThat(failed.state()).isEqualTo(RunStatus.State.FAILED);
        assertThat(failed.message()).isEqualTo("workflow run timed_out");
        assertThat(GitHubActionsTrigger.status(json.readTree("{\"status\":\"completed\",\"conclusion\":\"success\"}")).state())
                .isEqualTo(RunStatus.State.SUCCEEDED);
    }
}
