package io.jenkins.plugins.imagefactory.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.headRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.jenkins.plugins.imagefactory.config.RegistrySettings;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.image.Platform;
import io.jenkins.plugins.imagefactory.secret.Secret;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Docker Hub's registry cannot be reached here: WireMock stands in for registry-1.docker.io and
 * auth.docker.io with their documented shapes (401 Bearer challenge, token JSON), and for their
 * failure modes (429 with Retry-After, 503 bursts, slow and truncated answers).
 */
class RegistryClientWireMockTest {

    private static final String DIGEST = "sha256:" + "a".repeat(64);
    private static final ImageReference ALPINE = ImageReference.parse("alpine:3.20");
    private static final String MANIFEST_PATH = "/v2/library/alpine/manifests/3.20";

    @RegisterExtension
    static final WireMockExtension HUB = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final List<Duration> sleeps = new ArrayList<>();
    private MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));

    private RegistryClient client(RetryPolicy retry, SecretResolverFor secrets) {
        return RegistryClient.builder()
                .endpoints(RegistryEndpoints.standard().withRegistry("docker.io", URI.create(HUB.baseUrl())))
                .settings(List.of(new RegistrySettings("docker.io", false, secrets == null ? null : "HUB", 4)))
                .secrets(reference -> secrets == null ? Optional.empty() : Optional.of(secrets.secret()))
                .retry(retry)
                .sleeper(sleeps::add)
                .clock(clock)
                .random(new Random(1))
                .build();
    }

    private RegistryClient client() {
        return client(RetryPolicy.defaults(), null);
    }

    private interface SecretResolverFor {
        Secret secret();
    }

    private void stubBearerChallengeAndToken(long expiresIn) {
        HUB.stubFor(head(urlPathEqualTo(MANIFEST_PATH)).withHeader("Authorization", equalTo("Bearer hub-token"))
                .willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", MediaTypes.DOCKER_MANIFEST)
                        .withHeader("Docker-Content-Digest", DIGEST)
                        .withHeader("ratelimit-remaining", "97;w=21600")));
        HUB.stubFor(head(urlPathEqualTo(MANIFEST_PATH)).atPriority(10)
                .willReturn(aResponse().withStatus(401)
                        .withHeader("WWW-Authenticate", "Bearer realm=\"" + HUB.baseUrl()
                                + "/token\",service=\"registry.docker.io\",scope=\"repository:library/alpine:pull\"")));
        HUB.stubFor(get(urlPathEqualTo("/token"))
                .withQueryParam("service", equalTo("registry.docker.io"))
                .withQueryParam("scope", equalTo("repository:library/alpine:pull"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"token\":\"hub-token\",\"access_token\":\"hub-token\",\"expires_in\":" + expiresIn
                                + ",\"issued_at\":\"2026-03-01T00:00:00.000000000Z\"}")));
    }

    @Test
    void docker_hub_bearer_flow_fetches_a_token_once_and_reuses_it_until_it_expires() {
        stubBearerChallengeAndToken(300);
        RegistryClient client = client();

        ManifestDigest first = client.digest(ALPINE, List.of());
        ManifestDigest second = client.digest(ALPINE, List.of());
        clock.advance(Duration.ofSeconds(301));
        client.digest(ALPINE, List.of());

        assertThat(first.digest()).isEqualTo(DIGEST);
        assertThat(second.digest()).isEqualTo(DIGEST);
        HUB.verify(2, getRequestedFor(urlPathEqualTo("/token")));
        HUB.verify(4, headRequestedFor(urlPathEqualTo(MANIFEST_PATH)));
        assertThat(client.budget("docker.io")).hasValueSatisfying(budget -> {
            assertThat(budget.remaining()).isEqualTo(97);
            assertThat(budget.window()).isEqualTo(Duration.ofHours(6));
        });
    }

    @Test
    void configured_credentials_go_to_the_token_realm_as_basic_auth() {
        stubBearerChallengeAndToken(300);
        RegistryClient client = client(RetryPolicy.defaults(), () -> Secret.usernamePassword("hubuser", "hub-pat"));

        client.digest(ALPINE, List.of());

        String basic = "Basic " + Base64.getEncoder().encodeToString("hubuser:hub-pat".getBytes(StandardCharsets.UTF_8));
        HUB.verify(1, getRequestedFor(urlPathEqualTo("/token")).withHeader("Authorization", equalTo(basic)));
    }

    @Test
    void missing_digest_header_falls_back_to_hashing_the_manifest_body() {
        String body = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST + "\",\"layers\":[]}";
        HUB.stubFor(head(urlPathEqualTo(MANIFEST_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", MediaTypes.DOCKER_MANIFEST)));
        HUB.stubFor(get(urlPathEqualTo(MANIFEST_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", MediaTypes.DOCKER_MANIFEST).withBody(body)));

        ManifestDigest digest = client().digest(ALPINE, List.of(Platform.LINUX_AMD64));

        assertThat(digest.digest()).isEqualTo(RegistryClient.sha256(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void too_many_requests_waits_the_retry_after_seconds_then_succeeds_and_marks_the_budget_spent() {
        HUB.stubFor(head(urlPathEqualTo(MANIFEST_PATH)).inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")
                        .withBody("{\"errors\":[{\"code\":\"TOOMANYREQUESTS\",\"message\":\"You have reached your pull rate limit.\"}]}"))
                .willSetStateTo("ok"));
        HUB.stubFor(head(urlPathEqualTo(MANIFEST_PATH)).inScenario("limit").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withHeader("Docker-Content-Digest", DIGEST)
                        .withHeader("Content-Type", MediaTypes.DOCKER_MANIFEST)));

        ManifestDigest digest = client().digest(ALPINE, List.of());

        assertThat(digest.digest()).isEqualTo(DIGEST);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void retry_after_beyond_the_cap_fails_at_once_with_the_registry_error() {
        HUB.stubFor(head(urlPathEqualTo(MANIFEST_PATH)).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "3600")
                .withBody("{\"errors\":[{\"code\":\"TOOMANYREQUESTS\",\"message\":\"You have reached your pull rate limit.\"}]}")));
        RegistryClient client = client();

        assertThatThrownBy(() -> client.digest(ALPINE, List.of()))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.host()).isEqualTo("docker.io");
                    assertThat(e.getMessage()).contains("3600s").contains(ALPINE.canonical());
                });
        assertThat(sleeps).isEmpty();
        assertThat(client.budget("docker.io")).hasValueSatisfying(b -> assertThat(b.remaining()).isZero());
    }

    @Test
    void service_unavailable_bursts_are_retried_with_growing_jittered_backoff_and_then_reported() {
        HUB.stubFor(get(urlPathEqualTo("/v2/library/alpine/tags/list")).willReturn(aResponse().withStatus(503)
                .withBody("{\"errors\":[{\"code\":\"UNAVAILABLE\",\"message\":\"service unavailable\"}]}")));
        RetryPolicy retry = new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(30),
                Duration.ofSeconds(2), Duration.ofSeconds(2));

        assertThatThrownBy(() -> client(retry, null).listTags(ALPINE))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.errorCode()).isEqualTo("UNAVAILABLE");
                    assertThat(e.getMessage()).contains("service unavailable").contains("4 attempt");
                });
        HUB.verify(4, getRequestedFor(urlPathEqualTo("/v2/library/alpine/tags/list")));
        assertThat(sleeps).hasSize(3);
        assertThat(sleeps.get(0)).isLessThan(Duration.ofMillis(100));
        assertThat(sleeps.get(2)).isLessThan(Duration.ofMillis(400));
    }

    @Test
    void a_slow_registry_times_out_and_is_retried_within_bounds() {
        HUB.stubFor(head(urlPathEqualTo(MANIFEST_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Docker-Content-Digest", DIGEST).withFixedDelay(2_000)));
        RetryPolicy retry = new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofMillis(200));

        assertThatThrownBy(() -> client(retry, null).digest(ALPINE, List.of()))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.status()).isZero();
                    assertThat(e.getMessage()).contains("HttpTimeoutException").contains("2 attempt");
                });
    }

    @Test
    void a_truncated_manifest_body_is_detected_by_its_digest_not_trusted() {
        String body = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":[";
        HUB.stubFor(head(urlPathEqualTo(MANIFEST_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", MediaTypes.OCI_INDEX).withHeader("Docker-Content-Digest", DIGEST)));
        HUB.stubFor(get(urlPathEqualTo(MANIFEST_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", MediaTypes.OCI_INDEX).withHeader("Docker-Content-Digest", DIGEST).withBody(body)));

        assertThatThrownBy(() -> client().digest(ALPINE, List.of(Platform.LINUX_AMD64)))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.getMessage()).contains("truncated").contains(DIGEST));
    }

    @Test
    void a_connection_cut_mid_body_is_retried() {
        HUB.stubFor(get(urlPathEqualTo("/v2/library/alpine/tags/list")).inScenario("cut").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)).willSetStateTo("ok"));
        HUB.stubFor(get(urlPathEqualTo("/v2/library/alpine/tags/list")).inScenario("cut").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withBody("{\"name\":\"library/alpine\",\"tags\":[\"3.19\",\"3.20\"]}")));

        TagList tags = client().listTags(ALPINE);

        assertThat(tags.tags()).containsExactly("3.19", "3.20");
        assertThat(sleeps).hasSize(1);
    }

    @Test
    void docker_io_goes_to_registry_1_and_only_loopback_or_insecure_hosts_get_plain_http() {
        RegistryEndpoints endpoints = RegistryEndpoints.standard();

        assertThat(endpoints.registryBase(RegistrySettings.defaultsFor("docker.io"))).hasToString("https://registry-1.docker.io");
        assertThat(endpoints.registryBase(RegistrySettings.defaultsFor("ghcr.io"))).hasToString("https://ghcr.io");
        assertThat(endpoints.registryBase(RegistrySettings.defaultsFor("localhost:5000"))).hasToString("http://localhost:5000");
        assertThat(endpoints.registryBase(RegistrySettings.defaultsFor("127.3.2.1:5000"))).hasToString("http://127.3.2.1:5000");
        assertThat(endpoints.registryBase(RegistrySettings.defaultsFor("[::1]:5000"))).hasToString("http://[::1]:5000");
        assertThat(endpoints.registryBase(RegistrySettings.defaultsFor("128.0.0.1:5000"))).hasToString("https://128.0.0.1:5000");
        assertThat(endpoints.registryBase(new RegistrySettings("registry.lan", true, null, 1))).hasToString("http://registry.lan");
    }

    @Test
    void retry_after_as_an_http_date_counts_from_now() {
        Instant now = Instant.parse("2026-03-01T00:00:00Z");

        assertThat(RegistryTransport.parseRetryAfter("Sun, 01 Mar 2026 00:00:30 GMT", now)).contains(Duration.ofSeconds(30));
        assertThat(RegistryTransport.parseRetryAfter("12", now)).contains(Duration.ofSeconds(12));
        assertThat(RegistryTransport.parseRetryAfter("soon", now)).isEmpty();
    }

    /** A clock tests move forward by hand, for token expiry. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
