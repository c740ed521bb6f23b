package io.jenkins.plugins.imagefactory.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.jenkins.plugins.imagefactory.config.Enrollment;
import java.time.Instant;
import java.util.List;

/**
 * Where the runs API (Req 13) gets an image's build runs: for GitHub Actions, that image's own
 * workflow only, fetched with the host's credentials, which never leave the server.
 */
public interface RunSource {

    /** One page of runs of the enrollment's build workflow, newest first. */
    RunPage runs(Enrollment enrollment, int page, int perPage) throws RunSourceException;

    /** Re-runs the failed jobs of run {@code id}, refused unless it is a failed run of the enrollment's own workflow. */
    void rerun(Enrollment enrollment, long id) throws RunSourceException;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RunPage(List<RunInfo> runs, int page, int perPage, long totalCount) {
        public RunPage {
            runs = List.copyOf(runs);
        }
    }

    /**
     * @param id              run id
     * @param status          queued, in_progress, completed, ...
     * @param conclusion      success, failure, cancelled, ... or {@code null} while running
     * @param headSha         commit
     * @param createdAt       when it was created
     * @param durationSeconds run time so far or in total, or {@code null}
     * @param url             the run's page on GitHub
     * @param title           display title
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RunInfo(long id, String status, String conclusion, String headSha, Instant createdAt, Long durationSeconds,
                   String url, String title) {
    }

    final class RunSourceException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;

        public RunSourceException(String message, int status, Throwable cause) {
            super(message, cause);
            this.status = status;
        }

        /**
         * HTTP status to answer with: 404 when the image has no such runs (or the run is another workflow's),
         * 409 when the run cannot be re-run in its state, 502 when GitHub failed.
         */
        public int status() {
            return status;
        }
    }
}
