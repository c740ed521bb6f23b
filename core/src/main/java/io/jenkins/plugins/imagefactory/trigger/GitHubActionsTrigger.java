package io.jenkins.plugins.imagefactory.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagefactory.config.BuildSpec;
import io.jenkins.plugins.imagefactory.state.BuildRecord.BuildCause;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code build.github-actions}: a {@code workflow_dispatch} with the rebuild context as the single
 * input {@code image_factory_context}, or the enrollment's own inputs with placeholders filled in.
 * GitHub does not return the run it starts, so the run is found by the key in its title (the
 * workflow sets {@code run-name}, see docs/triggers.md).
 */
public final class GitHubActionsTrigger implements BuildTrigger {

    public static final String CONTEXT_INPUT = "image_factory_context";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z]+)}");

    private final GitHubActionsClient client;

    public GitHubActionsTrigger(GitHubActionsClient client) {
        this.client = client;
    }

    @Override
    public String kind() {
        return BuildSpec.GitHubActions.KIND;
    }

    @Override
    public RunStatus dispatch(RebuildContext context) throws TriggerException {
        BuildSpec.GitHubActions spec = (BuildSpec.GitHubActions) context.build();
        client.dispatch(spec.repository(), spec.workflow(), spec.ref(), inputs(spec, context));
        return RunStatus.dispatched("https://github.com/" + spec.repository() + "/actions/workflows/" + spec.workflow());
    }

    /** The workflow inputs: the context alone, or the enrollment's mapping with placeholders filled in. */
    static Map<String, Object> inputs(BuildSpec.GitHubActions spec, RebuildContext context) throws TriggerException {
        Map<String, Object> inputs = new LinkedHashMap<>();
        if (spec.inputs().isEmpty()) {
            inputs.put(CONTEXT_INPUT, context.toJson());
            return inputs;
        }
        BuildCause primary = context.primaryCause();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("context", context.toJson());
        values.put("image", context.image());
        values.put("key", context.key());
        values.put("baseRef", primary == null ? "" : primary.base());
        values.put("baseDigest", primary == null ? "" : primary.newDigest());
        values.put("oldDigest", primary == null || primary.oldDigest() == null ? "" : primary.oldDigest());
        values.put("urgent", String.valueOf(context.urgent()));
        values.put("reason", context.reason() == null ? "" : context.reason());
        for (Map.Entry<String, String> input : new java.util.TreeMap<>(spec.inputs()).entrySet()) {
            Matcher matcher = PLACEHOLDER.matcher(input.getValue());
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                String value = values.get(matcher.group(1));
                if (value == null) {
                    throw new TriggerException("build.github-actions.inputs." + input.getKey() + " of " + context.image()
                            + " uses ${" + matcher.group(1) + "}; known placeholders: ${" + String.join("}, ${", values.keySet())
                            + "}", false);
                }
                matcher.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            matcher.appendTail(out);
            inputs.put(input.getKey(), out.toString());
        }
        return inputs;
    }

    @Override
    public Optional<RunStatus> find(RebuildContext context) throws TriggerException {
        BuildSpec.GitHubActions spec = (BuildSpec.GitHubActions) context.build();
        Instant since = (context.requestedAt() == null ? Instant.EPOCH : context.requestedAt()).minus(Duration.ofMinutes(5));
        JsonNode runs = client.runs(spec.repository(), spec.workflow(), Map.of("event", "workflow_dispatch",
                "created", ">=" + since.truncatedTo(java.time.temporal.ChronoUnit.SECONDS), "per_page", "100"));
        for (JsonNode run : runs.path("workflow_runs")) {
            String title = run.path("display_title").asText("") + " " + run.path("name").asText("");
            if (title.contains(context.key())) {
                return Optional.of(status(run));
            }
        }
        return Optional.empty();
    }

    @Override
    public RunStatus poll(RebuildContext context, RunStatus known) throws TriggerException {
        if (known.id() == null) {
            return find(context).orElse(known);
        }
        BuildSpec.GitHubActions spec = (BuildSpec.GitHubActions) context.build();
        return status(client.run(spec.repository(), Long.parseLong(known.id())));
    }

    /** A workflow run as GitHub documents it, as our run status. */
    static RunStatus status(JsonNode run) {
        String status = run.path("status").asText("");
        String conclusion = run.path("conclusion").isNull() ? null : run.path("conclusion").asText(null);
        RunStatus.State state = switch (status) {
            case "completed" -> "success".equals(conclusion) ? RunStatus.State.SUCCEEDED : RunStatus.State.FAILED;
            case "in_progress" -> RunStatus.State.RUNNING;
            default -> RunStatus.State.QUEUED;
        };
        Instant started = instant(run.path("run_started_at"));
        Instant finished = state.finished() ? instant(run.path("updated_at")) : null;
        String message = state == RunStatus.State.FAILED ? "workflow run " + conclusion : null;
        return new RunStatus(state, run.path("id").asText(null), run.path("html_url").asText(null), started, finished, message);
    }

    private static Instant instant(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : Instant.parse(node.asText());
    }
}
