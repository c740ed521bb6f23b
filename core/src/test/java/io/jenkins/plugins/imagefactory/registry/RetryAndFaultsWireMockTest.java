package io.jenkins.plugins.imagefactory.registry;

import io.jenkins.plugins.imagefactory.retry.RetryPolicy;
import io.jenkins.plugins.imagefactory.testing.MutableClock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.requestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Throttling, outages, timeouts and broken bodies from a registry, and how the client copes. */
class RetryAndFaultsWireMockTest {

    @RegisterExtension
    static final WireMockExtension REGISTRY = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String HOST = "registry.example.com";
    private static final String PATH = "/v2/team/app/manifests/1";
    private static final String DIGEST = "sha256:" + "d".repeat(64);
    private static final ImageReference REF = ImageReference.parse(HOST + "/team/app:1");

    private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T12:00:00Z"));

    private RegistryClient client(RetryPolicy retry) {
        return RegistryClient.builder()
                .endpoints(RegistryEndpoints.standard().withRegistry(HOST, URI.create(REGISTRY.baseUrl())))
                .retry(new RetryPolicy(retry.maxAttempts(), retry.initialDelay(), retry.maxDelay(), sleeps::add, () -> 0.5))
                .maxRetryAfter(MAX_RETRY_AFTER)
                .clock(clock)
                .requestTimeout(Duration.ofMillis(500))
                .build();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok() {
        return aResponse().withStatus(200).withHeader("Docker-Content-Digest", DIGEST).withHeader("Content-Type", MediaTypes.OCI_MANIFEST);
    }

    @Test
    void tooManyRequestsWaitsForRetryAfterSecondsThenSucceeds() {
        REGISTRY.stubFor(request("HEAD", urlEqualTo(PATH)).inScenario("429").whenScenarioStateIs(STARTED).willSetStateTo("ok")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));
        REGISTRY.stubFor(request("HEAD", urlEqualTo(PATH)).inScenario("429").whenScenarioStateIs("ok").willReturn(ok()));

        assertThat(client(RegistryClient.DEFAULT_RETRY).digest(REF, List.of()).digest()).isEqualTo(DIGEST);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void retryAfterAsAnHttpDateIsHonouredAndCapped() {
        String inTwoHours = DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().plus(Duration.ofHours(2)).atOffset(ZoneOffset.UTC));
        String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().plusSeconds(10).atOffset(ZoneOffset.UTC));
        REGISTRY.stubFor(request("HEAD", urlEqualTo(PATH)).inScenario("date").whenScenarioStateIs(STARTED).willSetStateTo("second")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", inTenSeconds)));
        REGISTRY.stubFor(request("HEAD", urlEqualTo(PATH)).inScenario("date").whenScenarioStateIs("second").willSetStateTo("ok")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", inTwoHours)));
        REGISTRY.stubFor(request("HEAD", urlEqualTo(PATH)).inScenario("date").whenScenarioStateIs("ok").willReturn(ok()));

        client(RegistryClient.DEFAULT_RETRY).digest(REF, List.of());

        assertThat(sleeps).containsExactly(Duration.ofSeconds(10), MAX_RETRY_AFTER);
    }

    @Test
    void aBurstOf503sIsRiddenOutWithGrowingJitteredBackoff() {
        REGISTRY.stubFor(request("HEAD", urlEqualTo(PATH)).inScenario("burst").whenScenarioStateIs(STARTED).willSetStateTo("2")
                .willReturn(aResponse().withStatus(503)));
        REGISTRY.stubFor(request("HEAD", urlEqualTo(PATH)).inScenario("burst").whenScenarioStateIs("2").willSetStateTo("3")
                .willReturn(aResponse().withStatus(503)));
        REGISTRY.stubFor(request("HEAD", urlEqualTo(PATH)).inScenario("burst").whenScenarioStateIs("3").willReturn(ok()));
        RetryPolicy policy = RetryPolicy.of(4, Duration.ofMillis(400), Duration.ofSeconds(10));

        assertThat(client(policy).digest(REF, List.of()).digest()).isEqualTo(DIGEST);
        // equal jitter at 0.5: three quarters of 400 ms, then of 800 ms
        assertThat(sleeps).containsExactly(Duration.ofMillis(300), Duration.ofMillis(600));
    }

    @Test
    void aPersistentOutageGivesUpAfterTheAttemptBudgetWithStatusAndRegistryError() {
        REGISTRY.stubFor(get(urlEqualTo("/v2/team/app/tags/list?n=100")).willReturn(aResponse().withStatus(503)
                .withBody("{\"errors\":[{\"code\":\"UNAVAILABLE\",\"message\":\"service unavailable\"}]}")));
        RetryPolicy policy = RetryPolicy.of(3, Duration.ofMillis(100), Duration.ofSeconds(1));

        assertThatThrownBy(() -> client(policy).listTags(REF, 100))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.errorCode()).isEqualTo("UNAVAILABLE");
                    assertThat(e.host()).isEqualTo(HOST);
                    assertThat(e.getMessage()).contains("after 3 attempt(s)");
                });
        REGISTRY.verify(3, getRequestedFor(urlEqualTo("/v2/team/app/tags/list?n=100")));
        assertThat(sleeps).hasSize(2);
    }

    @Test
    void aRegistryThatDoesNotAnswerInTimeIsATimeoutError() {
        REGISTRY.stubFor(request("HEAD", urlEqualTo(PATH)).willReturn(ok().withFixedDelay(2_000)));

        assertThatThrownBy(() -> client(RetryPolicy.of(2, Duration.ofMillis(10), Duration.ofMillis(10))).digest(REF, List.of()))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(RegistryException.NO_RESPONSE);
                    assertThat(e.getMessage()).contains("timed out").contains(REF.canonical());
                });
        REGISTRY.verify(2, requestedFor("HEAD", urlEqualTo(PATH)));
    }

    @Test
    void aRefusedConnectionSaysSo() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        RegistryClient client = RegistryClient.builder()
                .endpoints(RegistryEndpoints.standard().withRegistry(HOST, URI.create("http://127.0.0.1:" + closedPort)))
                .retry(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(10), sleeps::add, () -> 0.5))
                .clock(clock)
                .build();

        assertThatThrownBy(() -> client.digest(REF, List.of()))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.getMessage())
                        .contains("failed after 2 attempt(s), I/O error: cannot connect").doesNotContain("null"));
    }

    @Test
    void aConnectionCutMidResponseIsRetried() {
        REGISTRY.stubFor(get(urlEqualTo("/v2/team/app/tags/list?n=100")).inScenario("cut").whenScenarioStateIs(STARTED)
                .willSetStateTo("ok").willReturn(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE)));
        REGISTRY.stubFor(get(urlEqualTo("/v2/team/app/tags/list?n=100")).inScenario("cut").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withBody("{\"name\":\"team/app\",\"tags\":[\"1\",\"2\"]}")));

        assertThat(client(RegistryClient.DEFAULT_RETRY).listTags(REF, 100).tags()).containsExactly("1", "2");
        assertThat(sleeps).hasSize(1);
    }

    @Test
    void withoutADigestHeaderTheDigestIsTheSha256OfTheManifestBody() {
        byte[] manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{},\"layers\":[]}"
                .getBytes(StandardCharsets.UTF_8);
        REGISTRY.stubFor(request("HEAD", urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)));
        REGISTRY.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", MediaTypes.OCI_MANIFEST).withBody(manifest)));

        ManifestDigest result = client(RetryPolicy.once()).digest(REF, List.of());

        assertThat(result.digest()).isEqualTo(RegistryClient.sha256(manifest));
        assertThat(result.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
    }

    @Test
    void aTruncatedIndexBodyIsCaughtByItsDigest() {
        String index = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[]}";
        String digest = RegistryClient.sha256(index.getBytes(StandardCharsets.UTF_8));
        REGISTRY.stubFor(request("HEAD", urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Docker-Content-Digest", digest).withHeader("Content-Type", MediaTypes.OCI_INDEX)));
        REGISTRY.stubFor(get(urlEqualTo("/v2/team/app/manifests/" + digest)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", MediaTypes.OCI_INDEX).withBody(index.substring(0, 40))));

        assertThatThrownBy(() -> client(RetryPolicy.once()).digest(REF, List.of(io.jenkins.plugins.imagefactory.image.Platform.LINUX_AMD64)))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("does not match its digest");
    }

    @Test
    void tagListFollowsLinkPagesUntilTheCap() {
        REGISTRY.stubFor(get(urlEqualTo("/v2/team/app/tags/list?n=5")).willReturn(aResponse().withStatus(200)
                .withHeader("Link", "</v2/team/app/tags/list?last=b&n=5>; rel=\"next\"")
                .withBody("{\"name\":\"team/app\",\"tags\":[\"a\",\"b\"]}")));
        REGISTRY.stubFor(get(urlEqualTo("/v2/team/app/tags/list?last=b&n=5")).willReturn(aResponse().withStatus(200)
                .withHeader("Link", "</v2/team/app/tags/list?last=d&n=5>; rel=\"next\"")
                .withBody("{\"name\":\"team/app\",\"tags\":[\"c\",\"d\"]}")));
        REGISTRY.stubFor(get(urlEqualTo("/v2/team/app/tags/list?last=d&n=5")).willReturn(aResponse().withStatus(200)
                .withBody("{\"name\":\"team/app\",\"tags\":[\"e\",\"f\"]}")));

        TagList tags = client(RetryPolicy.once()).listTags(REF, 5);

        assertThat(tags).isEqualTo(new TagList(List.of("a", "b", "c", "d", "e"), true));
        REGISTRY.verify(3, getRequestedFor(urlPathEqualTo("/v2/team/app/tags/list")));
    }
}
