package io.jenkins.plugins.imagefactory.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagefactory.net.EgressRefusedException;
import io.jenkins.plugins.imagefactory.net.HttpClientFactory;
import io.jenkins.plugins.imagefactory.net.OutboundClient;
import io.jenkins.plugins.imagefactory.retry.IoFailures;
import io.jenkins.plugins.imagefactory.retry.RetryPolicy;
import io.jenkins.plugins.imagefactory.secret.KnownSecrets;
import io.jenkins.plugins.imagefactory.secret.Secret;
import io.jenkins.plugins.imagefactory.state.StateMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.kohsuke.github.GHFileNotFoundException;
import org.kohsuke.github.GHWorkflow;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.HttpException;

/**
 * The GitHub Actions calls Image Factory makes: {@code workflow_dispatch} through org.kohsuke
 * github-api (the library Jenkins ships), and the run listing, run details and re-run endpoints,
 * which that library covers awkwardly, as plain REST. One token, one timeout, one retry policy; the
 * token never appears in a message.
 */
public final class GitHubActionsClient {

    private final String apiUrl;
    private final Secret token;
    private final OutboundClient http;
    private final RetryPolicy retry;
    private final Duration timeout;

    public GitHubActionsClient(String apiUrl, Secret token, RetryPolicy retry, Duration timeout) {
        this(apiUrl, token, retry, timeout, HttpClientFactory.standard());
    }

    public GitHubActionsClient(String apiUrl, Secret token, RetryPolicy retry, Duration timeout, HttpClientFactory clients) {
        this.apiUrl = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
        this.token = token;
        this.retry = retry;
        this.timeout = timeout;
        this.http = clients.client(timeout);
    }

    /** {@code POST /repos/{repo}/actions/workflows/{workflow}/dispatches}. */
    public void dispatch(String repository, String workflow, String ref, Map<String, Object> inputs) throws TriggerException {
        for (int attempt = 1; ; attempt++) {
            try {
                GitHub github = new GitHubBuilder().withEndpoint(apiUrl).withOAuthToken(token.value())
                        .withConnector(new GitHubHttpConnector(http, timeout)).build();
                GHWorkflow gh = github.getRepository(repository).getWorkflow(workflow);
                gh.dispatch(ref, inputs);
                return;
            } catch (RuntimeException e) {
                // the library dereferences what GitHub sent: a field missing from an answer surfaces here
                throw new TriggerException("GitHub's answer for " + repository + " workflow " + workflow
                        + " is incomplete: " + IncompleteAnswer.describe(e), false, e);
            } catch (HttpException e) {
                int status = e.getResponseCode();
                if (!HttpFailures.isTransient(status) || attempt >= retry.maxAttempts()) {
                    throw dispatchFailure(repository, workflow, status, e.getMessage());
                }
            } catch (GHFileNotFoundException e) {
                // The library reports a 404 as this, not as an HttpException; its message is the URL and GitHub's
                // body, which a proxy may have filled with the request's headers.
                throw dispatchFailure(repository, workflow, 404, e.getMessage());
            } catch (IOException e) {
                Optional<EgressRefusedException> refused = refusal(e);
                if (refused.isPresent()) {
                    throw new TriggerException("GitHub " + apiUrl + " not called: " + refused.get().getMessage(), false, e);
                }
                if (attempt >= retry.maxAttempts()) {
                    throw new TriggerException("GitHub " + apiUrl + " unreachable dispatching " + repository + "/" + workflow
                            + ": " + KnownSecrets.redact(IoFailures.describe(e)), true, e);
                }
            }
            pause(attempt + 1);
        }
    }

    private TriggerException dispatchFailure(String repository, String workflow, int status, String body) {
        String where = repository + " workflow " + workflow;
        String excerpt = HttpFailures.excerpt(body);
        if (status == 422 && excerpt.toLowerCase(java.util.Locale.ROOT).contains("unexpected input")) {
            return new TriggerException("GitHub refused the inputs for " + where + ": " + excerpt + ". Declare them under"
                    + " on.workflow_dispatch.inputs in .github/workflows/" + workflow + " (by default one string input named"
                    + " image_factory_context), or map your own inputs in the enrollment's build.github-actions.inputs", false);
        }
        if (status == 404) {
            return new TriggerException("GitHub says " + where + " does not exist or the token cannot see it (404): " + excerpt,
                    false);
        }
        if (status == 401 || status == 403) {
            return new TriggerException("GitHub refused the token for " + where + " (" + status + "): " + excerpt
                    + "; a fine-grained token needs Actions: write on " + repository, false);
        }
        return new TriggerException("GitHub answered " + status + " dispatching " + where + ": " + excerpt,
                HttpFailures.isTransient(status));
    }

    /** {@code GET /repos/{repo}/actions/workflows/{workflow}/runs}. */
    public JsonNode runs(String repository, String workflow, Map<String, String> query) throws TriggerException {
        StringBuilder path = new StringBuilder("/repos/" + repository + "/actions/workflows/" + encode(workflow) + "/runs");
        String separator = "?";
        for (Map.Entry<String, String> parameter : query.entrySet()) {
            path.append(separator).append(encode(parameter.getKey())).append('=').append(encode(parameter.getValue()));
            separator = "&";
        }
        return call("GET", path.toString());
    }

    /** {@code GET /repos/{repo}/actions/runs/{id}}. */
    public JsonNode run(String repository, long id) throws TriggerException {
        return call("GET", "/repos/" + repository + "/actions/runs/" + id);
    }

    /** {@code GET /repos/{repo}/actions/runs/{id}}, empty when GitHub answers 404 (no such run in that repository). */
    public Optional<JsonNode> findRun(String repository, long id) throws TriggerException {
        return send("GET", "/repos/" + repository + "/actions/runs/" + id, true);
    }

    /** {@code POST /repos/{repo}/actions/runs/{id}/rerun-failed-jobs}. */
    public void rerunFailedJobs(String repository, long id) throws TriggerException {
        call("POST", "/repos/" + repository + "/actions/runs/" + id + "/rerun-failed-jobs");
    }

    private JsonNode call(String method, String path) throws TriggerException {
        return send(method, path, false).orElseThrow();
    }

    private Optional<JsonNode> send(String method, String path, boolean notFoundIsEmpty) throws TriggerException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl + path)).timeout(timeout)
                .header("Accept", "application/vnd.github+json").header("X-GitHub-Api-Version", "2022-11-28")
                .header("Authorization", "Bearer " + token.value()).header("User-Agent", "image-factory")
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return Optional.of(response.body() == null || response.body().isBlank() ? StateMapper.json().createObjectNode()
                            : StateMapper.json().readTree(response.body()));
                }
                if (status == 404 && notFoundIsEmpty) {
                    return Optional.empty();
                }
                if (!HttpFailures.isTransient(status) || attempt >= retry.maxAttempts()) {
                    throw new TriggerException("GitHub answered " + status + " to " + method + " " + path.replaceAll("\\?.*", "")
                            + ": " + HttpFailures.excerpt(response.body()), HttpFailures.isTransient(status));
                }
                response.headers().firstValue("Retry-After").ifPresent(this::honourRetryAfter);
            } catch (EgressRefusedException e) {
                throw new TriggerException("GitHub " + apiUrl + " not called: " + e.getMessage(), false, e);
            } catch (IOException e) {
                if (attempt >= retry.maxAttempts()) {
                    throw new TriggerException("GitHub unreachable for " + method + " " + path.replaceAll("\\?.*", "") + ": "
                            + IoFailures.describe(e), true, e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TriggerException("interrupted while calling GitHub", true, e);
            }
            pause(attempt + 1);
        }
    }

    /** The library may wrap what the connector threw. */
    private static Optional<EgressRefusedException> refusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof EgressRefusedException refused) {
                return Optional.of(refused);
            }
        }
        return Optional.empty();
    }

    private void honourRetryAfter(String value) {
        try {
            long seconds = Math.min(60, Long.parseLong(value.strip()));
            retry.sleeper().sleep(Duration.ofSeconds(seconds));
        } catch (NumberFormatException ignored) {
            // an HTTP date: the regular backoff applies
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pause(int attempt) throws TriggerException {
        try {
            retry.pauseBefore(attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TriggerException("interrupted while waiting to retry GitHub", true, e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
