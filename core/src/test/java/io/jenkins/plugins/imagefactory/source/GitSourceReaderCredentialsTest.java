package io.jenkins.plugins.imagefactory.source;

import io.jenkins.plugins.imagefactory.retry.RetryPolicy;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.imagefactory.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials against a GitHub-like smart HTTP endpoint. GitHub answers a refused
 * {@code info/refs} with 401 and {@code WWW-Authenticate: Basic realm="GitHub"}.
 */
class GitSourceReaderCredentialsTest {

    private static final String TOKEN = "ghs_notARealTokenButLongEnough123456";

    @RegisterExtension
    static WireMockExtension github = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path workDir;

    private final List<Duration> sleeps = new ArrayList<>();
    private String url;

    @BeforeEach
    void refuseEveryone() {
        url = github.baseUrl() + "/acme/private-app.git";
        github.stubFor(get(urlPathEqualTo("/acme/private-app.git/info/refs"))
                .willReturn(aResponse().withStatus(401)
                        .withHeader("WWW-Authenticate", "Basic realm=\"GitHub\"")
                        .withHeader("Content-Type", "text/plain; charset=UTF-8")
                        .withBody("Invalid username or token. Password authentication is not supported for Git operations.\n")));
    }

    private GitSourceReader reader(Map<String, Secret> secretStore) {
        RetryPolicy quick = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1), sleeps::add, () -> 0.5);
        return new GitSourceReader(workDir, reference -> Optional.ofNullable(secretStore.get(reference)),
                SourceCredentials.byUrlPrefix(Map.of(github.baseUrl() + "/acme/", "GITHUB_ACME")),
                Duration.ofSeconds(5), quick);
    }

    @Test
    void aTokenIsSentAsXAccessTokenAndARefusalIsAnAuthFailureWithoutRetryOrSecret() {
        SourceRequest request = new SourceRequest(url, "main", "Dockerfile");

        SourceResult result = reader(Map.of("GITHUB_ACME", Secret.token(TOKEN))).readAll(List.of(request))
                .resultFor(request).orElseThrow();

        assertThat(result).isInstanceOfSatisfying(SourceFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(SourceFailure.Kind.AUTH);
            assertThat(failure.message()).contains(url).contains("credentials").doesNotContain(TOKEN);
            assertThat(failure.toString()).doesNotContain(TOKEN);
        });
        github.verify(getRequestedFor(urlPathEqualTo("/acme/private-app.git/info/refs"))
                .withHeader("Authorization", equalTo(basic("x-access-token", TOKEN))));
        assertThat(sleeps).as("refused credentials are not retried").isEmpty();
    }

    @Test
    void aUsernameAndPasswordAreSentAsGiven() {
        SourceRequest request = new SourceRequest(url, "main", "Dockerfile");

        reader(Map.of("GITHUB_ACME", Secret.usernamePassword("ci-bot", TOKEN))).readAll(List.of(request));

        github.verify(getRequestedFor(urlPathEqualTo("/acme/private-app.git/info/refs"))
                .withHeader("Authorization", equalTo(basic("ci-bot", TOKEN))));
    }

    @Test
    void anUnknownCredentialsReferenceFailsWithoutContactingTheServer() {
        SourceRequest request = new SourceRequest(url, "main", "Dockerfile");

        SourceResult result = reader(Map.of()).readAll(List.of(request)).resultFor(request).orElseThrow();

        assertThat(result).isInstanceOfSatisfying(SourceFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(SourceFailure.Kind.AUTH);
            assertThat(failure.message()).contains("'GITHUB_ACME'").contains("not known");
        });
        github.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aServerErrorIsRetriedAndReportedAsUnreachable() {
        github.stubFor(get(urlPathEqualTo("/acme/flaky.git/info/refs"))
                .willReturn(aResponse().withStatus(503).withBody("Service Unavailable")));
        SourceRequest request = new SourceRequest(github.baseUrl() + "/acme/flaky.git", "main", "Dockerfile");

        SourceResult result = reader(Map.of("GITHUB_ACME", Secret.token(TOKEN))).readAll(List.of(request))
                .resultFor(request).orElseThrow();

        assertThat(result).isInstanceOfSatisfying(SourceFailure.class,
                failure -> assertThat(failure.kind()).isEqualTo(SourceFailure.Kind.UNREACHABLE));
        assertThat(sleeps).hasSize(2);
        github.verify(3, getRequestedFor(urlPathEqualTo("/acme/flaky.git/info/refs")));
    }

    private static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
