package io.jenkins.plugins.imagefactory.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagefactory.secret.Secret;
import io.jenkins.plugins.imagefactory.webhook.HmacSignatures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Deliveries over real HTTP, anonymous and without a crumb, as GitHub and registries send them,
 * on a controller where anonymous users may not even read.
 */
@WithJenkins
class ImageFactoryWebhookTest {

    static final String GIT_SECRET = "s3cret-for-push-hook";
    static final byte[] PUSH = "{\"ref\":\"refs/heads/main\",\"after\":\"0123456789abcdef\"}".getBytes(StandardCharsets.UTF_8);

    private JenkinsRule j;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeEach
    void setUp(JenkinsRule rule, @TempDir Path dir) throws Exception {
        j = rule;
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy());
        j.jenkins.setCrumbIssuer(new hudson.security.csrf.DefaultCrumbIssuer(false));
        ConfigRepoFixture repo = ConfigRepoFixture.create(dir, false);
        ConfigRepoFixture.addSecretText("push-hook", GIT_SECRET);
        ConfigRepoFixture.addSecretText("registry-auth", "Bearer registry-token");
        ImageFactoryConfiguration configuration = ImageFactoryConfiguration.get();
        configuration.setRepositoryUrl(repo.url());
        configuration.setGitWebhookCredentialsId("push-hook");
        configuration.setRegistryWebhooks(List.of(new RegistryWebhook("distribution", "registry.example.com:5000", "registry-auth")));
    }

    @Test
    void aSignedPushToTheConfigBranchIsAcceptedWithoutCrumbAndAsksForASync() throws Exception {
        long before = ImageFactoryService.get().startedRunner().map(io.jenkins.plugins.imagefactory.sync.SyncRunner::requests).orElse(0L);

        HttpResponse<String> response = post("git", PUSH, "X-GitHub-Event", "push",
                HmacSignatures.GITHUB_HEADER, HmacSignatures.sign(Secret.token(GIT_SECRET), PUSH));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).contains("sync requested");
        assertThat(ImageFactoryService.get().startedRunner().map(io.jenkins.plugins.imagefactory.sync.SyncRunner::requests).orElse(0L)).isGreaterThan(before);
    }

    @Test
    void anUnsignedPushIsRejectedAndAsksForNothing() throws Exception {
        long before = ImageFactoryService.get().startedRunner().map(io.jenkins.plugins.imagefactory.sync.SyncRunner::requests).orElse(0L);

        HttpResponse<String> response = post("git", PUSH, "X-GitHub-Event", "push");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains(HmacSignatures.GITHUB_HEADER);
        assertThat(ImageFactoryService.get().startedRunner().map(io.jenkins.plugins.imagefactory.sync.SyncRunner::requests).orElse(0L)).isEqualTo(before);
    }

    @Test
    void aPushSignedWithAnotherSecretIsForbidden() throws Exception {
        HttpResponse<String> response = post("git", PUSH, "X-GitHub-Event", "push",
                HmacSignatures.GITHUB_HEADER, HmacSignatures.sign(Secret.token("not-the-secret"), PUSH));

        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void aRegistryDeliveryWithoutItsAuthorizationIsRejected() throws Exception {
        HttpResponse<String> response = post("registry/distribution", "{\"events\":[]}".getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void aKindWithNoConfiguredEndpointIsNotFound() throws Exception {
        HttpResponse<String> response = post("registry/harbor", "{}".getBytes(StandardCharsets.UTF_8),
                "Authorization", "Bearer registry-token");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("harbor");
    }

    private HttpResponse<String> post(String path, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(j.getURL() + ImageFactoryWebhook.URL_NAME + "/" + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
