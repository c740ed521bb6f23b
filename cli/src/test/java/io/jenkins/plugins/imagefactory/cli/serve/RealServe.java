package io.jenkins.plugins.imagefactory.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagefactory.cli.ServeCommand;
import io.jenkins.plugins.imagefactory.cli.testing.Estate;
import io.jenkins.plugins.imagefactory.secret.EnvironmentSecretResolver;
import io.jenkins.plugins.imagefactory.secret.Secret;
import io.jenkins.plugins.imagefactory.state.StateMapper;
import io.jenkins.plugins.imagefactory.webhook.HmacSignatures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;

/**
 * {@code image-factory serve} with its production wiring ({@link ServeWiring}: Dockerfiles from
 * git, digests from the registry, builds through the webhook trigger) over an {@link Estate} of
 * real parts, in this JVM on a random port. The git push webhook and the write API are on, so a
 * test can ask for a cycle the way a config-repo push does.
 */
final class RealServe implements AutoCloseable {

    static final String GIT_SECRET = "git-hook-s3cret-0001";
    static final String API_TOKEN = "api-s3cret-token-0002";
    static final String HOOK_TOKEN = "Bearer registry-hook-s3cret-0003";

    final Estate estate;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    ServeCommand.Running running;

    RealServe(Estate estate) {
        this.estate = estate;
    }

    /** Starts serve; extra environment variables become its secrets too. */
    RealServe start(Clock clock, Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(environment);
        env.put("GIT_HOOK", GIT_SECRET);
        env.put("API_TOKEN", API_TOKEN);
        env.put("HOOK", HOOK_TOKEN);
        ServeCommand command = new ServeCommand(new ServeWiring(), new EnvironmentSecretResolver(env), clock);
        List<String> args = new ArrayList<>(List.of(estate.repoOptions()));
        args.addAll(List.of("--port", "0", "--interval", "1h", "--git-webhook-secret", "GIT_HOOK", "--api-token", "API_TOKEN",
                "--registry-webhook", "distribution=" + estate.registry.host() + ",HOOK"));
        new CommandLine(command).parseArgs(args.toArray(String[]::new));
        running = command.start();
        eventually("the first sync", () -> running.server().ready());
        return this;
    }

    RealServe start() {
        return start(Clock.systemUTC(), Map.of());
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + running.server().port() + path);
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    JsonNode json(String path) {
        try {
            return StateMapper.json().readTree(get(path).body());
        } catch (Exception e) {
            throw new AssertionError("not JSON from " + path, e);
        }
    }

    /** {@code /api/v1/images/NAME}'s row. */
    JsonNode row(String name) {
        return json("/api/v1/images/" + name).path("summary");
    }

    HttpResponse<String> post(String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    /** A write API call with the token. */
    HttpResponse<String> write(String path, String body) {
        return post(path, body, "Authorization", "Bearer " + API_TOKEN, "Content-Type", "application/json");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("request failed: " + e, e);
        }
    }

    long cycles() {
        return get("/metrics").body().lines().filter(l -> l.startsWith("image_factory_syncs_total "))
                .map(l -> Long.parseLong(l.substring(l.indexOf(' ') + 1))).findFirst().orElseThrow();
    }

    /** What a push to the config repo's branch does: a signed GitHub push webhook; waits for the cycle it asks for. */
    void configPushed() {
        long before = cycles();
        String body = "{\"ref\":\"refs/heads/main\",\"after\":\"" + "a".repeat(40) + "\",\"repository\":{\"full_name\":\"acme/config\"}}";
        HttpResponse<String> answer = post("/webhook/git", body, "X-GitHub-Event", "push", "Content-Type", "application/json",
                "X-Hub-Signature-256", HmacSignatures.sign(Secret.token(GIT_SECRET), body.getBytes(StandardCharsets.UTF_8)));
        if (answer.statusCode() != 202) {
            throw new AssertionError("the git webhook answered " + answer.statusCode() + ": " + answer.body());
        }
        eventually("a cycle after the config push", () -> cycles() > before && !syncRunning());
    }

    boolean syncRunning() {
        return json("/healthz").path("syncRunning").asBoolean();
    }

    static void eventually(String what, BooleanSupplier condition) {
        ServeFixture.eventually(what, condition);
    }

    @Override
    public void close() {
        if (running != null) {
            running.close();
        }
    }
}
