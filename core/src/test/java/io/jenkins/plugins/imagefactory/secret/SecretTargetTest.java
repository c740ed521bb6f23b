package io.jenkins.plugins.imagefactory.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.imagefactory.config.BuildSpec;
import io.jenkins.plugins.imagefactory.config.ConfigLoader;
import io.jenkins.plugins.imagefactory.config.ImageFactoryConfig;
import io.jenkins.plugins.imagefactory.config.RegistrySettings;
import io.jenkins.plugins.imagefactory.git.ConfigRepository;
import io.jenkins.plugins.imagefactory.git.ConfigRepositoryLocation;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.registry.RegistryClient;
import io.jenkins.plugins.imagefactory.retry.RetryPolicy;
import io.jenkins.plugins.imagefactory.source.GitSourceReader;
import io.jenkins.plugins.imagefactory.source.SourceCredentials;
import io.jenkins.plugins.imagefactory.source.SourceRequest;
import io.jenkins.plugins.imagefactory.testing.LocalRegistry;
import io.jenkins.plugins.imagefactory.testing.LocalRegistryExtension;
import io.jenkins.plugins.imagefactory.trigger.BuildTriggers;
import io.jenkins.plugins.imagefactory.trigger.RebuildContext;
import io.jenkins.plugins.imagefactory.trigger.WebhookTrigger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every place the engine resolves a credentials reference for a network call tells the host where
 * the secret is going, so a host can scope credentials (Jenkins' credentials domains) by it.
 */
class SecretTargetTest {

    @RegisterExtension
    static final LocalRegistryExtension REGISTRY = LocalRegistryExtension.withBasicAuth("ci", "pa55-word");

    @TempDir
    Path temp;

    /** Records (reference, target) and answers every reference with one token. */
    static final class RecordingResolver implements SecretResolver {
        final List<String> asked = new CopyOnWriteArrayList<>();

        @Override
        public Optional<Secret> resolve(String reference) {
            asked.add(reference + " -> (no target)");
            return Optional.of(Secret.usernamePassword("ci", "pa55-word"));
        }

        @Override
        public Optional<Secret> resolve(String reference, URI target) {
            asked.add(reference + " -> " + target);
            return Optional.of(Secret.usernamePassword("ci", "pa55-word"));
        }
    }

    @Test
    void aLambdaResolverStillWorksThroughTheTargetedForm() {
        SecretResolver lambda = reference -> Optional.of(Secret.token("t-" + reference));
        assertThat(lambda.resolve("X", URI.create("https://example.test/"))).contains(Secret.token("t-X"));
    }

    @Test
    void registryCredentialsAreResolvedForTheRegistryTheyAreSentTo(LocalRegistry registry) {
        RecordingResolver secrets = new RecordingResolver();
        RegistryClient client = RegistryClient.builder()
                .registries(List.of(new RegistrySettings(registry.host(), false, "LOCAL", 2)))
                .secrets(secrets).retry(RetryPolicy.once()).build();
        catchThrowable(() -> client.digest(ImageReference.parse(registry.host() + "/nothing/here:1"), List.of()));
        assertThat(secrets.asked).isNotEmpty().allMatch(a -> a.equals("LOCAL -> http://" + registry.host()));
    }

    @Test
    void buildSystemCredentialsAreResolvedForTheGitHubApiAndTheRemoteJenkins() throws Exception {
        Path repo = temp.resolve("config");
        Files.createDirectories(repo);
        Files.writeString(repo.resolve("image-factory.yaml"), """
                version: 1
                buildSystems:
                  github:
                    apiUrl: https://github.example.test/api/v3
                    credentials: GH
                  jenkins:
                    url: https://jenkins.example.test/ci
                    credentials: JENKINS
                """);
        ImageFactoryConfig config = ConfigLoader.load(repo).orThrow();
        RecordingResolver secrets = new RecordingResolver();
        BuildTriggers.forConfig(config, secrets);
        assertThat(secrets.asked).contains("GH -> https://github.example.test/api/v3", "JENKINS -> https://jenkins.example.test/ci")
                .noneMatch(a -> a.contains("(no target)"));
    }

    @Test
    void theWebhookSigningKeyIsResolvedForTheWebhookUrl() throws Exception {
        HttpServer builder = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        builder.createContext("/build", exchange -> {
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        builder.start();
        try {
            RecordingResolver secrets = new RecordingResolver();
            String url = "http://127.0.0.1:" + builder.getAddress().getPort() + "/build";
            new WebhookTrigger(secrets, RetryPolicy.once(), Duration.ofSeconds(5)).dispatch(new RebuildContext("app",
                    List.of("localhost:5000/app:1"), "k-1", false, "system", null, List.of(), Instant.now(),
                    new BuildSpec.Webhook(url, "HOOK_KEY")));
            assertThat(secrets.asked).containsExactly("HOOK_KEY -> " + url);
        } finally {
            builder.stop(0);
        }
    }

    @Test
    void sourceAndConfigRepoCredentialsAreResolvedForTheRepositoryUrl() {
        RecordingResolver secrets = new RecordingResolver();
        new GitSourceReader(temp.resolve("sources"), secrets, SourceCredentials.byUrlPrefix(Map.of("http://127.0.0.1:9/", "SRC")),
                Duration.ofSeconds(1), RetryPolicy.once())
                .readAll(List.of(new SourceRequest("http://127.0.0.1:9/acme/app.git", "main", "Dockerfile")));
        ConfigRepository.open(ConfigRepositoryLocation.of("https://git.example.test/acme/config.git", "main",
                temp.resolve("work")).withCredentials("CFG"), secrets).close();
        ConfigRepository.open(ConfigRepositoryLocation.of("git@git.example.test:acme/config.git", "main",
                temp.resolve("work2")).withCredentials("CFG_SSH"), secrets).close();
        assertThat(secrets.asked).containsExactly("SRC -> http://127.0.0.1:9/acme/app.git",
                "CFG -> https://git.example.test/acme/config.git", "CFG_SSH -> ssh://git.example.test/acme/config.git");
    }
}
