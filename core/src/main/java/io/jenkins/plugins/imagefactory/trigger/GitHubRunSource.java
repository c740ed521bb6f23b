package io.jenkins.plugins.imagefactory.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagefactory.config.BuildSpec;
import io.jenkins.plugins.imagefactory.config.Enrollment;
import io.jenkins.plugins.imagefactory.status.RunSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The runs API's data (Req 13): the runs of the image's own workflow only (a monorepo has many),
 * newest first, fetched with the server's token, which never reaches the caller.
 */
public final class GitHubRunSource implements RunSource {

    private final GitHubActionsClient client;

    public GitHubRunSource(GitHubActionsClient client) {
        this.client = client;
    }

    @Override
    public RunPage runs(Enrollment enrollment, int page, int perPage) throws RunSourceException {
        BuildSpec.GitHubActions spec = workflowOf(enrollment);
        try {
            JsonNode json = client.runs(spec.repository(), spec.workflow(), Map.of("page", String.valueOf(page),
                    "per_page", String.valueOf(perPage)));
            List<RunInfo> runs = new ArrayList<>();
            for (JsonNode run : json.path("workflow_runs")) {
                Instant created = instant(run.path("created_at"));
                Instant started = instant(run.path("run_started_at"));
                Instant updated = instant(run.path("updated_at"));
                Long duration = started == null || updated == null ? null : Duration.between(started, updated).toSeconds();
                runs.add(new RunInfo(run.path("id").asLong(), run.path("status").asText(null),
                        run.path("conclusion").isNull() ? null : run.path("conclusion").asText(null),
                        run.path("head_sha").asText(null), created, duration, run.path("html_url").asText(null),
                        run.path("display_title").asText(null)));
            }
            return new RunPage(runs, page, perPage, json.path("total_count").asLong(runs.size()));
        } catch (TriggerException e) {
            throw new RunSourceException(e.getMessage(), 502, e);
        }
    }

    /**
     * Re-runs the failed jobs of run {@code id} only when GitHub says it is a run of the enrollment's
     * own workflow that finished with failed jobs: a caller allowed to re-run this image's builds must
     * not reach another workflow of the same repository (a deploy, say) by its run id.
     */
    @Override
    public void rerun(Enrollment enrollment, long id) throws RunSourceException {
        BuildSpec.GitHubActions spec = workflowOf(enrollment);
        try {
            JsonNode run = client.findRun(spec.repository(), id).orElseThrow(() -> new RunSourceException(
                    "GitHub has no run " + id + " in " + spec.repository(), 404, null));
            RerunCheck.check(run, id, enrollment.name(), spec);
            client.rerunFailedJobs(spec.repository(), id);
        } catch (TriggerException e) {
            throw new RunSourceException(e.getMessage(), 502, e);
        }
    }

    private static BuildSpec.GitHubActions workflowOf(Enrollment enrollment) throws RunSourceException {
        if (enrollment.build() instanceof BuildSpec.GitHubActions github) {
            return github;
        }
        throw new RunSourceException(enrollment.name() + " is built by " + enrollment.build().kind()
                + ", not a GitHub Actions workflow", 404, null);
    }

    private static Instant instant(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : Instant.parse(node.asText());
    }
}
