package io.jenkins.plugins.imagefactory.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagefactory.cli.ImageFactoryCommand;
import io.jenkins.plugins.imagefactory.secret.EnvironmentSecretResolver;
import io.jenkins.plugins.imagefactory.secret.Secret;
import io.jenkins.plugins.imagefactory.webhook.WebhookEndpoint;
import io.jenkins.plugins.imagefactory.webhook.WebhookKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code serve} command's options, as a person typing them would meet them. */
class ServeCommandTest {

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var commandLine = ImageFactoryCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void serveIsACommandWithItsOptionsDocumented() {
        Run help = run("serve", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("--port", "--bind", "--registry-webhook=KIND=HOST[,SECRET_REF]",
                "--git-webhook-secret", "--api-token", "--interval", "--repo", "default: 8080", "default: 127.0.0.1");
    }

    @Test
    void theProductionWiringAssemblesEveryPiece() throws Exception {
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("image-factory.yaml"), "version: 1\n");
        try (var repository = io.jenkins.plugins.imagefactory.git.ConfigRepository.open(
                io.jenkins.plugins.imagefactory.git.ConfigRepositoryLocation.of(config.toString(), "main", dir.resolve("work")),
                io.jenkins.plugins.imagefactory.secret.SecretResolver.none())) {
            Host.Context context = new Host.Context(repository, dir.resolve("work"),
                    io.jenkins.plugins.imagefactory.secret.SecretResolver.none(), java.time.Clock.systemUTC());
            ServeWiring wiring = new ServeWiring();
            assertThat(wiring.engine(context)).isNotNull();
            assertThat(wiring.tags(context)).isNotNull();
            assertThatThrownBy(() -> wiring.runs(context).runs(null, 1, 10))
                    .hasMessageContaining("no GitHub credentials are configured");
        }
    }

    @Test
    void aBadOptionStopsStartupWithWhatWasExpected() throws Exception {
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("image-factory.yaml"), "version: 1\n");
        String[] common = {"serve", "--repo", config.toString(), "--work-dir", dir.resolve("work").toString(), "--port", "0"};

        Run kind = run(concat(common, "--registry-webhook", "quay=quay.io,X"));
        assertThat(kind.exit()).isEqualTo(2);
        assertThat(kind.err()).contains("--registry-webhook expects KIND=HOST[,SECRET_REF]");
        Run secret = run(concat(common, "--registry-webhook", "distribution=localhost:5000,IF_TEST_UNSET_HOOK_REF"));
        assertThat(secret.err()).contains("secret reference IF_TEST_UNSET_HOOK_REF is not set");
        Run api = run(concat(common, "--api-token", "IF_TEST_UNSET_API_REF"));
        assertThat(api.err()).contains("--api-token IF_TEST_UNSET_API_REF: environment variable IF_TEST_UNSET_API_REF is not set");
        Run interval = run(concat(common, "--interval", "soon"));
        assertThat(interval.err()).contains("--interval soon: expected a duration such as 90s");
        Run port = run("serve", "--repo", dir.resolve("config").toString(), "--port", "70000");
        assertThat(port.err()).contains("--port must be 0..65535");
    }

    @Test
    void registryWebhookOptionsResolveTheirSecretsAndFixedHosts() {
        var secrets = new EnvironmentSecretResolver(Map.of("HOOK", "s1", "IMAGE_FACTORY_WEBHOOK_HARBOR", "s2",
                "GH", "s3", "HUB", "s4"));

        WebhookEndpoint distribution = RegistryWebhookOption.parse("distribution=localhost:5000,HOOK", secrets);
        assertThat(distribution).isEqualTo(new WebhookEndpoint(WebhookKind.DISTRIBUTION, "localhost:5000", Secret.token("s1")));
        assertThat(RegistryWebhookOption.parse("harbor=harbor.example.com", secrets).secret()).isEqualTo(Secret.token("s2"));
        assertThat(RegistryWebhookOption.parse("ghcr=ghcr.io,GH", secrets).registryHost()).isEqualTo("ghcr.io");
        assertThat(RegistryWebhookOption.parse("dockerhub=docker.io,HUB", secrets).registryHost()).isEqualTo("docker.io");

        assertThatThrownBy(() -> RegistryWebhookOption.parse("ghcr=registry.example.com,GH", secrets))
                .hasMessageContaining("the ghcr webhook is always about ghcr.io");
        assertThatThrownBy(() -> RegistryWebhookOption.parse("distribution", secrets))
                .hasMessageContaining("expects KIND=HOST[,SECRET_REF]");
        assertThatThrownBy(() -> RegistryWebhookOption.parse("distribution=not a host,HOOK", secrets))
                .hasMessageContaining("not a host");
        assertThatThrownBy(() -> RegistryWebhookOption.parse("distribution=localhost:5000", secrets))
                .hasMessageContaining("IMAGE_FACTORY_WEBHOOK_DISTRIBUTION is not set")
                .hasMessageNotContaining("s1");
    }

    private static String[] concat(String[] head, String... tail) {
        String[] out = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, out, head.length, tail.length);
        return out;
    }
}
