package io.jenkins.plugins.imagefactory.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagefactory.config.BuildSpec;
import io.jenkins.plugins.imagefactory.net.EgressRefusedException;
import io.jenkins.plugins.imagefactory.net.HttpClientFactory;
import io.jenkins.plugins.imagefactory.net.OutboundClient;
import io.jenkins.plugins.imagefactory.retry.IoFailures;
import io.jenkins.plugins.imagefactory.retry.RetryPolicy;
import io.jenkins.plugins.imagefactory.secret.Secret;
import io.jenkins.plugins.imagefactory.state.StateMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code build.jenkins} for the standalone host: {@code buildWithParameters} on a remote Jenkins with
 * a user and API token, the context as {@code IMAGE_FACTORY_CONTEXT} and the key as
 * {@code IMAGE_FACTORY_KEY}, following the queue item to the build and the build to its result.
 * (The Jenkins plugin schedules jobs on its own controller instead.)
 */
public final class RemoteJenkinsTrigger implements BuildTrigger {

    public static final String CONTEXT_PARAMETER = "IMAGE_FACTORY_CONTEXT";
    public static final String KEY_PARAMETER = "IMAGE_FACTORY_KEY";

    private final String url;
    private final Secret credentials;
    private final OutboundClient http;
    private final RetryPolicy retry;
    private final Duration timeout;

    public RemoteJenkinsTrigger(String url, Secret credentials, RetryPolicy retry, Duration timeout) {
        this(url, credentials, retry, timeout, HttpClientFactory.standard());
    }

    public RemoteJenkinsTrigger(String url, Secret credentials, RetryPolicy retry, Duration timeout,
                                HttpClientFactory clients) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.credentials = credentials;
        this.retry = retry;
        this.timeout = timeout;
        this.http = clients.client(timeout);
    }

    @Override
    public String kind() {
        return BuildSpec.Jenkins.KIND;
    }

    /** {@code team/app/main} → {@code /job/team/job/app/job/main}. */
    static String jobPath(String job) {
        StringBuilder path = new StringBuilder();
        for (String segment : job.split("/")) {
            path.append("/job/").append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return path.toString();
    }

    @Override
    public RunStatus dispatch(RebuildContext context) throws TriggerException {
        BuildSpec.Jenkins spec = (BuildSpec.Jenkins) context.build();
        Map<String, String> parameters = new LinkedHashMap<>(spec.parameters());
        parameters.put(CONTEXT_PARAMETER, context.toJson());
        parameters.put(KEY_PARAMETER, context.key());
        String form = parameters.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
        HttpResponse<String> response = send("POST", jobPath(spec.job()) + "/buildWithParameters", form);
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw failure("POST " + jobPath(spec.job()) + "/buildWithParameters", response);
        }
        String queueItem = response.headers().firstValue("Location").orElse(null);
        return new RunStatus(RunStatus.State.QUEUED, queueItem, queueItem, null, null, null);
    }

    @Override
    public Optional<RunStatus> find(RebuildContext context) throws TriggerException {
        BuildSpec.Jenkins spec = (BuildSpec.Jenkins) context.build();
        String path = jobPath(spec.job()) + "/api/json?tree=" + encode(
                "builds[number,url,result,building,timestamp,duration,actions[parameters[name,value]]]{0,50}");
        HttpResponse<String> response = send("GET", path, null);
        if (response.statusCode() != 200) {
            throw failure("GET " + jobPath(spec.job()) + "/api/json", response);
        }
        for (JsonNode build : json(response.body()).path("builds")) {
            for (JsonNode action : build.path("actions")) {
                for (JsonNode parameter : action.path("parameters")) {
                    if (KEY_PARAMETER.equals(parameter.path("name").asText()) && context.key().equals(parameter.path("value").asText())) {
                        return Optional.of(status(build));
                    }
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public RunStatus poll(RebuildContext context, RunStatus known) throws TriggerException {
        String target = known.id() != null ? known.id() : known.url();
        if (target == null) {
            return find(context).orElse(known);
        }
        if (target.contains("/queue/item/")) {
            HttpResponse<String> response = send("GET", relative(target) + "api/json", null);
            if (response.statusCode() == 404) {
                return find(context).orElse(known);
            }
            JsonNode item = json(response.body());
            if (item.path("cancelled").asBoolean(false)) {
                return new RunStatus(RunStatus.State.FAILED, null, null, null, null, "cancelled in the Jenkins queue");
            }
            JsonNode executable = item.path("executable");
            if (executable.isMissingNode() || executable.isNull()) {
                return new RunStatus(RunStatus.State.QUEUED, target, target, null, null, item.path("why").asText(null));
            }
            target = executable.path("url").asText();
        }
        HttpResponse<String> response = send("GET", relative(target) + "api/json", null);
        if (response.statusCode() != 200) {
            throw failure("GET build", response);
        }
        return status(json(response.body()));
    }

    /** A Jenkins build's JSON ({@code building}, {@code result}, {@code timestamp}, {@code duration}) as a run status. */
    static RunStatus status(JsonNode build) {
        String buildUrl = build.path("url").asText(null);
        Instant started = build.has("timestamp") ? Instant.ofEpochMilli(build.path("timestamp").asLong()) : null;
        if (build.path("building").asBoolean(false) || build.path("result").isNull() || build.path("result").isMissingNode()) {
            return new RunStatus(RunStatus.State.RUNNING, buildUrl, buildUrl, started, null, null);
        }
        String result = build.path("result").asText();
        Instant finished = started == null ? null : started.plusMillis(build.path("duration").asLong(0));
        return "SUCCESS".equals(result)
                ? new RunStatus(RunStatus.State.SUCCEEDED, buildUrl, buildUrl, started, finished, null)
                : new RunStatus(RunStatus.State.FAILED, buildUrl, buildUrl, started, finished, "Jenkins result " + result);
    }

    private String relative(String absolute) {
        String path = absolute.startsWith(url) ? absolute.substring(url.length()) : URI.create(absolute).getRawPath();
        return path.endsWith("/") ? path : path + "/";
    }

    private HttpResponse<String> send(String method, String path, String form) throws TriggerException {
        for (int attempt = 1; ; attempt++) {
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(timeout)
                        .header("Authorization", basic()).header("User-Agent", "image-factory");
                if (form != null) {
                    crumb().ifPresent(c -> request.header(c[0], c[1]));
                    request.header("Content-Type", "application/x-www-form-urlencoded")
                            .method(method, HttpRequest.BodyPublishers.ofString(form));
                } else {
                    request.method(method, HttpRequest.BodyPublishers.noBody());
                }
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (!HttpFailures.isTransient(response.statusCode()) || attempt >= retry.maxAttempts()) {
                    return response;
                }
            } catch (EgressRefusedException e) {
                throw new TriggerException("Jenkins " + url + " not called: " + e.getMessage(), false, e);
            } catch (IOException e) {
                if (attempt >= retry.maxAttempts()) {
                    throw new TriggerException("Jenkins " + url + " unreachable for " + method + " " + path.replaceAll("\\?.*", "")
                            + ": " + IoFailures.describe(e), true, e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TriggerException("interrupted while calling Jenkins", true, e);
            }
            try {
                retry.pauseBefore(attempt + 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TriggerException("interrupted while waiting to retry Jenkins", true, e);
            }
        }
    }

    /** The CSRF crumb, when the controller issues one (API tokens usually need none). */
    private Optional<String[]> crumb() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/crumbIssuer/api/json"))
                .timeout(timeout).header("Authorization", basic()).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return Optional.empty();
        }
        JsonNode crumb = StateMapper.json().readTree(response.body());
        return Optional.of(new String[] {crumb.path("crumbRequestField").asText(), crumb.path("crumb").asText()});
    }

    private String basic() {
        String user = credentials.hasUsername() ? credentials.username() : "";
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + credentials.value()).getBytes(StandardCharsets.UTF_8));
    }

    private TriggerException failure(String what, HttpResponse<String> response) {
        int status = response.statusCode();
        String hint = status == 404 ? " (no such job, or the user cannot see it)"
                : status == 401 || status == 403 ? " (check the user and API token; the user needs Job/Build)"
                : status == 400 ? " (does the job declare the " + CONTEXT_PARAMETER + " and " + KEY_PARAMETER
                        + " string parameters?)" : "";
        return new TriggerException("Jenkins answered " + status + " to " + what.replaceAll("\\?.*", "") + hint + ": "
                + HttpFailures.excerpt(response.body()), HttpFailures.isTransient(status));
    }

    private static JsonNode json(String body) throws TriggerException {
        try {
            return StateMapper.json().readTree(body == null ? "{}" : body);
        } catch (IOException e) {
            throw new TriggerException("Jenkins answered something that is not JSON: " + HttpFailures.excerpt(body), true, e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
