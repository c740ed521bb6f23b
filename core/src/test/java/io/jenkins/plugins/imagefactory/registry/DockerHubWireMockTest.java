package io.jenkins.plugins.imagefactory.registry;

import io.jenkins.plugins.imagefactory.retry.RetryPolicy;
import io.jenkins.plugins.imagefactory.testing.MutableClock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.requestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.imagefactory.config.RegistrySettings;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.secret.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Docker Hub stood in for by WireMock: the token flow on the registry API, and the Hub tag API. */
class DockerHubWireMockTest {

    @RegisterExtension
    static final WireMockExtension HUB = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String DIGEST = "sha256:" + "c".repeat(64);
    private static final String MANIFEST_PATH = "/v2/library/alpine/manifests/3.21";
    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T12:00:00Z"));

    @BeforeEach
    void dockerHubShapedRegistry() {
        String realm = HUB.baseUrl() + "/token";
        HUB.stubFor(request("HEAD", urlEqualTo(MANIFEST_PATH)).atPriority(5).willReturn(aResponse().withStatus(401)
                .withHeader("WWW-Authenticate", "Bearer realm=\"" + realm
                        + "\",service=\"registry.docker.io\",scope=\"repository:library/alpine:pull\"")
                .withHeader("Content-Type", "application/json")
                .withBody("{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\",\"detail\":null}]}")));
        HUB.stubFor(request("HEAD", urlEqualTo(MANIFEST_PATH)).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer hub-token-1"))
                .willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", MediaTypes.OCI_INDEX)
                        .withHeader("Docker-Content-Digest", DIGEST)
                        .withHeader("ratelimit-limit", "100;w=21600")
                        .withHeader("ratelimit-remaining", "76;w=21600")));
        HUB.stubFor(get(urlPathEqualTo("/token")).willReturn(okJson("{\"token\":\"hub-token-1\",\"access_token\":\"hub-token-1\","
                + "\"expires_in\":300,\"issued_at\":\"2025-06-01T12:00:00.000000000Z\"}")));
    }

    private RegistryClient client(Optional<Secret> secret) {
        URI base = URI.create(HUB.baseUrl());
        return RegistryClient.builder()
                .endpoints(RegistryEndpoints.standard().withRegistry("docker.io", base).withDockerHubApi(base))
                .registries(List.of(new RegistrySettings("docker.io", false, secret.isPresent() ? "HUB" : null, 4)))
                .secrets(reference -> secret)
                .clock(clock)
                .retry(RetryPolicy.once())
                .build();
    }

    @Test
    void bearerTokenFlowAnonymouslyAsksTheRealmForTheChallengedScopeAndUsesTheToken() {
        ManifestDigest result = client(Optional.empty()).digest(ImageReference.parse("alpine:3.21"), List.of());

        assertThat(result.digest()).isEqualTo(DIGEST);
        HUB.verify(getRequestedFor(urlPathEqualTo("/token"))
                .withQueryParam("service", equalTo("registry.docker.io"))
                .withQueryParam("scope", equalTo("repository:library/alpine:pull"))
                .withoutHeader("Authorization"));
    }

    @Test
    void tokenIsReusedUntilItExpiresThenFetchedAgain() {
        RegistryClient client = client(Optional.empty());
        ImageReference alpine = ImageReference.parse("alpine:3.21");

        client.digest(alpine, List.of());
        client.digest(alpine, List.of());
        HUB.verify(1, getRequestedFor(urlPathEqualTo("/token")));
        HUB.verify(1, requestedFor("HEAD", urlEqualTo(MANIFEST_PATH)).withoutHeader("Authorization"));

        clock.advance(Duration.ofSeconds(301));
        client.digest(alpine, List.of());
        HUB.verify(2, getRequestedFor(urlPathEqualTo("/token")));
    }

    @Test
    void configuredCredentialsGoToTheTokenRealmAsBasicAuth() {
        client(Optional.of(Secret.usernamePassword("robot", "dckr_pat_x"))).digest(ImageReference.parse("alpine:3.21"), List.of());

        String expected = "Basic " + Base64.getEncoder().encodeToString("robot:dckr_pat_x".getBytes(StandardCharsets.UTF_8));
        HUB.verify(getRequestedFor(urlPathEqualTo("/token")).withHeader("Authorization", equalTo(expected)));
    }

    @Test
    void refusedTokenIsAnErrorWithTheRegistrysMessage() {
        HUB.stubFor(get(urlPathEqualTo("/token")).atPriority(1).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"details\":\"incorrect username or password\",\"message\":\"incorrect username or password\"}")));

        assertThatThrownBy(() -> client(Optional.of(Secret.usernamePassword("robot", "bad-pass")))
                .digest(ImageReference.parse("alpine:3.21"), List.of()))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.registryMessage()).isEqualTo("incorrect username or password");
                    assertThat(e.getMessage()).contains("docker.io/library/alpine:3.21").doesNotContain("bad-pass");
                });
    }

    @Test
    void rateLimitHeadersExposeTheRemainingBudget() {
        RegistryClient client = client(Optional.empty());

        client.digest(ImageReference.parse("alpine:3.21"), List.of());

        RateBudget budget = client.budget("docker.io").orElseThrow();
        assertThat(budget.remaining()).isEqualTo(76);
        assertThat(budget.limit()).isEqualTo(100);
        assertThat(budget.window()).isEqualTo(Duration.ofHours(6));
        assertThat(budget.isNearlySpent(80)).isTrue();
        assertThat(budget.isNearlySpent(10)).isFalse();
    }

    @Test
    void hubTagApiGivesDigestSizeAndPushDateNewestFirst() throws IOException {
        HUB.stubFor(get(urlEqualTo("/v2/namespaces/library/repositories/alpine/tags?page=1&page_size=2"))
                .willReturn(okJson(resource("dockerhub-tags-page1.json"))));

        TagDetailsPage page = client(Optional.empty()).tagDetails(ImageReference.parse("alpine"), 1, 2);

        assertThat(page.provider()).isEqualTo(TagDetailsPage.Provider.DOCKER_HUB);
        assertThat(page.datesKnown()).isTrue();
        assertThat(page.hasNext()).isTrue();
        assertThat(page.tags()).containsExactly(
                new TagDetails("edge", "sha256:" + "b".repeat(64), 3_700_000L, Instant.parse("2025-06-10T08:00:00Z")),
                new TagDetails("3.21", "sha256:" + "a".repeat(64), 3_624_612L, Instant.parse("2025-05-30T19:05:42Z")));
    }

    @Test
    void pushedAtIsTheHubTagLastPushed() {
        HUB.stubFor(get(urlEqualTo("/v2/namespaces/library/repositories/alpine/tags/3.21")).willReturn(okJson(
                "{\"name\":\"3.21\",\"digest\":\"" + DIGEST + "\",\"full_size\":3624612,"
                        + "\"last_updated\":\"2025-05-30T19:05:43.118711Z\",\"tag_last_pushed\":\"2025-05-30T19:05:42.000000Z\"}")));

        assertThat(client(Optional.empty()).pushedAt(ImageReference.parse("alpine:3.21")))
                .contains(Instant.parse("2025-05-30T19:05:42Z"));
    }

    @Test
    void truncatedHubPayloadIsASpecificError() {
        HUB.stubFor(get(urlEqualTo("/v2/namespaces/library/repositories/alpine/tags?page=1&page_size=10"))
                .willReturn(okJson("{\"count\":3,\"next\":null,\"results\":[{\"name\":\"3.2")));

        assertThatThrownBy(() -> client(Optional.empty()).tagDetails(ImageReference.parse("alpine"), 1, 10))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("malformed JSON")
                .hasMessageContaining("truncated");
    }

    static String resource(String name) throws IOException {
        try (InputStream in = DockerHubWireMockTest.class.getResourceAsStream("/registry/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
