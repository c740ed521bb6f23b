package io.jenkins.plugins.imagefactory.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagefactory.config.RegistrySettings;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The small protocol decisions: where to connect, how to read challenges, budgets and backoff. */
class ProtocolDetailsTest {

    private final RegistryEndpoints endpoints = RegistryEndpoints.standard();

    @Test
    void dockerHubIsReachedAtItsApiHostAndEverythingRemoteOverTls() {
        assertThat(endpoints.registryBase(RegistrySettings.defaultsFor("docker.io"))).isEqualTo(URI.create("https://registry-1.docker.io"));
        assertThat(endpoints.registryBase(RegistrySettings.defaultsFor("ghcr.io"))).isEqualTo(URI.create("https://ghcr.io"));
        assertThat(endpoints.registryBase(RegistrySettings.defaultsFor("registry.local:5000"))).isEqualTo(URI.create("https://registry.local:5000"));
    }

    @Test
    void plainHttpOnlyForLoopbackOrExplicitlyInsecureRegistries() {
        assertThat(endpoints.registryBase(RegistrySettings.defaultsFor("localhost:5000"))).isEqualTo(URI.create("http://localhost:5000"));
        assertThat(endpoints.registryBase(RegistrySettings.defaultsFor("127.0.0.42:5000"))).isEqualTo(URI.create("http://127.0.0.42:5000"));
        assertThat(endpoints.registryBase(RegistrySettings.defaultsFor("[::1]:5000"))).isEqualTo(URI.create("http://[::1]:5000"));
        assertThat(endpoints.registryBase(new RegistrySettings("10.0.0.5:5000", true, null, 4))).isEqualTo(URI.create("http://10.0.0.5:5000"));
        assertThat(RegistryEndpoints.isLoopback("127.evil.com")).isFalse();
        assertThat(RegistryEndpoints.isLoopback("128.0.0.1")).isFalse();
        assertThat(RegistryEndpoints.isLoopback("localhost.example.com")).isFalse();
    }

    @Test
    void bearerChallengeKeepsCommasInsideQuotedScopes() {
        AuthChallenge challenge = AuthChallenge.parse("Bearer realm=\"https://auth.example.com/token\",service=\"registry.example.com\","
                + "scope=\"repository:team/app:pull,push\"").orElseThrow();

        assertThat(challenge.isBearer()).isTrue();
        assertThat(challenge.parameters()).isEqualTo(Map.of("realm", "https://auth.example.com/token",
                "service", "registry.example.com", "scope", "repository:team/app:pull,push"));
        assertThat(AuthChallenge.parse("Basic realm=\"Registry Realm\"").orElseThrow().isBasic()).isTrue();
    }

    @Test
    void rateBudgetReadsDockerHubsWindowForm() {
        HttpHeaders headers = HttpHeaders.of(Map.of("RateLimit-Remaining", List.of("0;w=21600"), "RateLimit-Limit", List.of("100;w=21600")),
                (a, b) -> true);
        RateBudget budget = RateBudget.fromHeaders("docker.io", headers, Instant.EPOCH).orElseThrow();

        assertThat(budget.remaining()).isZero();
        assertThat(budget.limit()).isEqualTo(100);
        assertThat(budget.window()).isEqualTo(Duration.ofSeconds(21600));
        assertThat(RateBudget.fromHeaders("x", HttpHeaders.of(Map.of(), (a, b) -> true), Instant.EPOCH)).isEmpty();
    }

    @Test
    void retryAfterAcceptsSecondsAndHttpDatesAndIgnoresGarbage() {
        Instant now = Instant.parse("2025-06-01T12:00:00Z");

        assertThat(HttpHeaderValues.retryAfter("120", now)).contains(Duration.ofSeconds(120));
        assertThat(HttpHeaderValues.retryAfter("Sun, 01 Jun 2025 12:00:30 GMT", now)).contains(Duration.ofSeconds(30));
        assertThat(HttpHeaderValues.retryAfter("Sun, 01 Jun 2025 11:00:00 GMT", now)).contains(Duration.ZERO);
        assertThat(HttpHeaderValues.retryAfter("soon", now)).isEmpty();
    }

    @Test
    void linkHeaderNextIsResolvedAgainstTheRequest() {
        URI request = URI.create("https://ghcr.io/v2/acme/app/tags/list?n=2");

        assertThat(HttpHeaderValues.nextLink("</v2/acme/app/tags/list?last=b&n=2>; rel=\"next\"", request))
                .contains(URI.create("https://ghcr.io/v2/acme/app/tags/list?last=b&n=2"));
        assertThat(HttpHeaderValues.nextLink("<https://api.github.com/x?page=1>; rel=\"prev\", <https://api.github.com/x?page=3>; rel=\"next\"", request))
                .contains(URI.create("https://api.github.com/x?page=3"));
        assertThat(HttpHeaderValues.nextLink("<https://api.github.com/x?page=1>; rel=\"first\"", request)).isEmpty();
    }
}
