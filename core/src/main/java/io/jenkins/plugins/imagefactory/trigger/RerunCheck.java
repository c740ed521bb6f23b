package io.jenkins.plugins.imagefactory.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagefactory.config.BuildSpec;
import io.jenkins.plugins.imagefactory.status.RunSource.RunSourceException;
import java.util.Set;

/**
 * Whether a workflow run, as GitHub describes it ({@code GET /repos/{repo}/actions/runs/{id}}), may
 * have its failed jobs re-run on behalf of an image: it must belong to the image's own workflow and
 * have finished with failed jobs. Decided before anything is sent to GitHub's re-run endpoint.
 */
final class RerunCheck {

    /** Conclusions of a finished run that leave failed jobs behind; a startup failure ran no job at all. */
    static final Set<String> FAILED_JOBS = Set.of("failure", "timed_out");

    private static final String WORKFLOWS = ".github/workflows/";

    private RerunCheck() {
    }

    static void check(JsonNode run, long id, String image, BuildSpec.GitHubActions spec) throws RunSourceException {
        String workflow = spec.workflow();
        if (!isRunOf(run, workflow, id)) {
            throw new RunSourceException("run " + id + " is not a run of " + workflow + ", the workflow that builds "
                    + image + "; only that workflow's runs are re-run for it", 404, null);
        }
        String status = run.path("status").asText("");
        String conclusion = run.path("conclusion").isNull() ? "" : run.path("conclusion").asText("");
        if (!"completed".equals(status)) {
            throw new RunSourceException("run " + id + " is " + (status.isEmpty() ? "in an unknown state" : status)
                    + ", not finished; only a finished run's failed jobs can be re-run", 409, null);
        }
        if ("startup_failure".equals(conclusion)) {
            throw new RunSourceException("run " + id + " failed to start, so it has no jobs to re-run; fix .github/workflows/"
                    + workflow + " and build again", 409, null);
        }
        if (!FAILED_JOBS.contains(conclusion)) {
            throw new RunSourceException("run " + id + " has no failed jobs to re-run (it finished with "
                    + (conclusion.isEmpty() ? "no conclusion" : conclusion) + ")", 409, null);
        }
    }

    /**
     * By {@code workflow_id} when the enrollment names the workflow by its numeric id, else by the
     * run's {@code path} ({@code .github/workflows/build.yml}, GitHub may append {@code @ref}).
     */
    private static boolean isRunOf(JsonNode run, String workflow, long id) throws RunSourceException {
        if (workflow.chars().allMatch(Character::isDigit)) {
            return workflow.equals(run.path("workflow_id").asText(""));
        }
        String path = run.path("path").asText("");
        if (path.isEmpty()) {
            throw new RunSourceException("GitHub's answer for run " + id + " does not say which workflow it belongs to"
                    + " (no \"path\"); it is not re-run", 502, null);
        }
        int at = path.indexOf('@');
        return (at < 0 ? path : path.substring(0, at)).equals(WORKFLOWS + workflow);
    }
}
