package io.jenkins.plugins.imagefactory.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagefactory.api.ApiEngine;
import io.jenkins.plugins.imagefactory.api.ApiReadRoutes;
import io.jenkins.plugins.imagefactory.api.ApiRequest;
import io.jenkins.plugins.imagefactory.api.ApiResponse;
import io.jenkins.plugins.imagefactory.api.TagPageCache;
import io.jenkins.plugins.imagefactory.git.ConfigRepository;
import io.jenkins.plugins.imagefactory.git.ConfigRepositoryLocation;
import io.jenkins.plugins.imagefactory.host.StandardPorts;
import io.jenkins.plugins.imagefactory.image.Platform;
import io.jenkins.plugins.imagefactory.registry.RegistryEndpoints;
import io.jenkins.plugins.imagefactory.secret.Secret;
import io.jenkins.plugins.imagefactory.secret.SecretResolver;
import io.jenkins.plugins.imagefactory.status.StatusView;
import io.jenkins.plugins.imagefactory.testing.HeaderEchoServer;
import io.jenkins.plugins.imagefactory.testing.LocalRegistry;
import io.jenkins.plugins.imagefactory.testing.LocalRegistryExtension;
import io.jenkins.plugins.imagefactory.testing.MutableClock;
import io.jenkins.plugins.imagefactory.testing.ReadOnlyApiEngine;
import io.jenkins.plugins.imagefactory.testing.git.BareRemote;
import io.jenkins.plugins.imagefactory.trigger.BuildTriggers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Build systems (or the proxies in front of them) that echo the request headers in their error
 * bodies: the engine quotes those bodies, and the tokens they carry must reach no commit message,
 * no file in any commit of the config repo's history, no log line and no API answer.
 */
class EchoedSecretsTest {

    @RegisterExtension
    static final LocalRegistryExtension REGISTRY = LocalRegistryExtension.anonymous();

    static final String GITHUB_TOKEN = "ghs_" + "Echo7Token9" + "x".repeat(20) + "42";
    static final String JENKINS_USER = "ci-bot";
    static final String JENKINS_TOKEN = "11d0c3e5f7a9b2c4d6e8f0a1b3c5d7e9f1";

    @TempDir
    Path dir;

    /** Answers 400 with every header it was sent, and the basic credentials decoded, as some servers do. */
    static HeaderEchoServer echoingBuilder() {
        return new HeaderEchoServer(seen -> {
            String headers = seen.headers().entrySet().stream().map(e -> e.getKey() + ": " + String.join(",", e.getValue()))
                    .collect(Collectors.joining("\n"));
            String authorization = seen.header("Authorization");
            String decoded = authorization != null && authorization.startsWith("Basic ")
                    ? new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8) : "";
            return new HeaderEchoServer.Answer(400, Map.of("Content-Type", "application/json"),
                    "{\"message\": \"bad request; you sent:\\n" + headers.replace("\"", "'").replace("\n", "\\n")
                            + "\\nuser: " + decoded + "\"}");
        });
    }

    @Test
    void tokensEchoedByBuildersReachNoCommitFileLogOrApiAnswer() throws Exception {
        LocalRegistry registry = REGISTRY.registry();
        registry.pusher().pushImage("upstream/python", "3.12", Platform.LINUX_AMD64);
        BareRemote sources = BareRemote.create(dir, "sources");
        sources.commit("main", Map.of("Dockerfile", "FROM " + registry.host() + "/upstream/python:3.12\n"), "sources");
        PrintStream originalErr = System.err;
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        try (HeaderEchoServer github = echoingBuilder(); HeaderEchoServer jenkins = echoingBuilder()) {
            BareRemote config = BareRemote.create(dir, "config");
            config.commit("main", Map.of(
                    "image-factory.yaml", "version: 1\nbuildSystems:\n  github: {apiUrl: \"" + github.url() + "/api/v3\","
                            + " credentials: GH}\n  jenkins: {url: \"" + jenkins.url() + "/\", credentials: JENKINS}\n",
                    "images/app.yaml", "name: app\nimage: " + registry.host() + "/acme/app\nsource: {repository: \""
                            + sources.url() + "\"}\nbuild:\n  github-actions: {repository: acme/app, workflow: build.yml}\n",
                    "images/job.yaml", "name: job\nimage: " + registry.host() + "/acme/job\nsource: {repository: \""
                            + sources.url() + "\"}\nbuild:\n  jenkins: {job: team/job}\n"), "enroll");
            SecretResolver secrets = reference -> switch (reference) {
                case "GH" -> Optional.of(Secret.token(GITHUB_TOKEN));
                case "JENKINS" -> Optional.of(Secret.usernamePassword(JENKINS_USER, JENKINS_TOKEN));
                default -> Optional.empty();
            };
            MutableClock clock = new MutableClock(Instant.parse("2026-11-01T00:00:00Z"));
            System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
            try (ConfigRepository repository = ConfigRepository.open(ConfigRepositoryLocation.of(config.url(), "main",
                    dir.resolve("work")), SecretResolver.none())) {
                StandardPorts ports = new StandardPorts(secrets, dir.resolve("engine"), RegistryEndpoints.standard(),
                        cfg -> BuildTriggers.forConfig(cfg, secrets), clock);
                new SyncEngine(repository, ports, clock, originalErr::println).sync(SyncOptions.scheduled());
                ManualActions actions = new ManualActions(repository, clock);
                actions.requestRebuild("app", true, "CVE-2026-7", null, "alice");
                actions.requestRebuild("job", true, "CVE-2026-7", null, "alice");
                clock.advance(Duration.ofMinutes(1));
                List<String> progress = new ArrayList<>();
                new SyncEngine(repository, ports, clock, progress::add).sync(SyncOptions.scheduled());
                logs.write(String.join("\n", progress).getBytes(StandardCharsets.UTF_8));

                String api = apiAnswers(repository.workTree(), clock);
                assertThat(api).contains("GitHub").contains("Jenkins answered 400");
                assertNoSecret("API answers", api);
            } finally {
                System.setErr(originalErr);
            }
            assertThat(jenkins.seen).anySatisfy(seen -> assertThat(seen.header("Authorization")).startsWith("Basic "));
            assertThat(github.seen).anySatisfy(seen -> assertThat(seen.header("Authorization")).contains(GITHUB_TOKEN));
            String history = everythingEverCommitted(config);
            assertThat(history).contains("rebuild-trigger-failed").contains("****");
            assertNoSecret("config repo history", history);
            assertNoSecret("logs", logs.toString(StandardCharsets.UTF_8));
        }
    }

    private static void assertNoSecret(String where, String text) {
        String basic = Base64.getEncoder().encodeToString((JENKINS_USER + ":" + JENKINS_TOKEN).getBytes(StandardCharsets.UTF_8));
        for (String secret : List.of(GITHUB_TOKEN, JENKINS_TOKEN, basic, URLEncoder.encode(GITHUB_TOKEN, StandardCharsets.UTF_8),
                GITHUB_TOKEN.substring(0, 24), JENKINS_TOKEN.substring(0, 20))) {
            assertThat(text).as(where + " must not hold " + secret.substring(0, 6) + "…").doesNotContain(secret);
        }
    }

    /** Every commit message and every file of every commit reachable from the branch. */
    private static String everythingEverCommitted(BareRemote remote) throws Exception {
        StringBuilder all = new StringBuilder();
        try (Git git = Git.open(remote.dir().toFile())) {
            Repository repository = git.getRepository();
            for (RevCommit commit : git.log().all().call()) {
                all.append(commit.getFullMessage()).append('\n');
                try (TreeWalk walk = new TreeWalk(repository)) {
                    walk.addTree(commit.getTree());
                    walk.setRecursive(true);
                    while (walk.next()) {
                        all.append(new String(repository.open(walk.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return all.toString();
    }

    private static String apiAnswers(Path workTree, MutableClock clock) {
        ApiEngine engine = new ReadOnlyApiEngine(StatusView.read(workTree, clock.instant()));
        ApiReadRoutes routes = new ApiReadRoutes(engine, null, null, new TagPageCache(8), clock);
        StringBuilder out = new StringBuilder();
        for (String image : List.of("app", "job")) {
            ApiResponse response = routes.handle(new ApiRequest("GET", "/api/v1/images/" + image,
                    List.of("api", "v1", "images", image), Map.of(), Map.of(), null)).orElseThrow();
            out.append(new String(response.body(), StandardCharsets.UTF_8));
        }
        return out.toString();
    }
}
