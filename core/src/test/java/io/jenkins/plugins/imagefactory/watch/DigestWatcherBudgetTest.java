package io.jenkins.plugins.imagefactory.watch;

import io.jenkins.plugins.imagefactory.retry.RetryPolicy;
import io.jenkins.plugins.imagefactory.state.DetectedBy;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.requestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.registry.RegistryClient;
import io.jenkins.plugins.imagefactory.registry.RegistryEndpoints;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Docker Hub's pull budget and push dates, stood in for by WireMock with Hub-shaped headers and payloads. */
class DigestWatcherBudgetTest {

    @RegisterExtension
    static final WireMockExtension HUB = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final String OLD = "sha256:" + "0".repeat(64);
    private static final String NEW = "sha256:" + "1".repeat(64);

    private DigestWatcher watcher() {
        URI base = URI.create(HUB.baseUrl());
        RegistryClient client = RegistryClient.builder()
                .endpoints(RegistryEndpoints.standard().withRegistry("docker.io", base).withDockerHubApi(base))
                .retry(RetryPolicy.once())
                .build();
        return new DigestWatcher(client, Clock.fixed(NOW, ZoneOffset.UTC), 2, 1);
    }

    private static void headReturns(String repository, String digest, int remaining) {
        HUB.stubFor(request("HEAD", urlEqualTo("/v2/library/" + repository + "/manifests/latest")).willReturn(aResponse()
                .withStatus(200).withHeader("Docker-Content-Digest", digest)
                .withHeader("Content-Type", "application/vnd.docker.distribution.manifest.v2+json")
                .withHeader("ratelimit-limit", "100;w=21600").withHeader("ratelimit-remaining", remaining + ";w=21600")));
    }

    @Test
    void whenTheBudgetRunsOutTheLeastRecentlyCheckedWereServedAndTheRestAreDeferred() {
        headReturns("never", OLD, 3);
        headReturns("oldest", OLD, 2);
        headReturns("newest", OLD, 1);
        Map<ImageReference, KnownDigest> known = Map.of(
                ImageReference.parse("oldest"), new KnownDigest(OLD, null, Map.of(), NOW.minusSeconds(7200)),
                ImageReference.parse("newest"), new KnownDigest(OLD, null, Map.of(), NOW.minusSeconds(60)));

        CycleReport report = watcher().check(List.of(target("newest"), target("oldest"), target("never")), known, DetectedBy.POLL);

        assertThat(report.outcomes()).extracting(CheckOutcome::reference)
                .containsExactly(ImageReference.parse("never"), ImageReference.parse("oldest"), ImageReference.parse("newest"));
        assertThat(report.discovered()).extracting(CheckOutcome::reference).containsExactly(ImageReference.parse("never"));
        assertThat(report.unchanged()).extracting(CheckOutcome::reference).containsExactly(ImageReference.parse("oldest"));
        assertThat(report.deferred()).singleElement().satisfies(d -> {
            assertThat(d.reference()).isEqualTo(ImageReference.parse("newest"));
            assertThat(d.reason()).contains("docker.io").contains("2 left");
        });
        HUB.verify(0, requestedFor("HEAD", urlEqualTo("/v2/library/newest/manifests/latest")));
    }

    @Test
    void anUpdateCarriesTheHubPushDateAsTheStartOfTheRebuildDelay() {
        headReturns("alpine", NEW, 90);
        HUB.stubFor(get(urlPathMatching("/v2/namespaces/library/repositories/alpine/tags/latest")).willReturn(okJson(
                "{\"name\":\"latest\",\"digest\":\"" + NEW + "\",\"full_size\":3624612,"
                        + "\"last_updated\":\"2025-05-30T19:05:43.118711Z\",\"tag_last_pushed\":\"2025-05-30T19:05:42.000000Z\"}")));
        Map<ImageReference, KnownDigest> known = Map.of(ImageReference.parse("alpine"), new KnownDigest(OLD, null, Map.of(), NOW.minusSeconds(3600)));

        CheckOutcome.Updated update = watcher().check(List.of(target("alpine")), known, DetectedBy.POLL).updated().get(0);

        assertThat(update.oldDigest()).isEqualTo(OLD);
        assertThat(update.newDigest()).isEqualTo(NEW);
        assertThat(update.pushedAt()).isEqualTo(Instant.parse("2025-05-30T19:05:42Z"));
        assertThat(update.delayStart()).isEqualTo(update.pushedAt());
        assertThat(update.detectedAt()).isEqualTo(NOW);
    }

    private static WatchTarget target(String name) {
        return new WatchTarget(ImageReference.parse(name), Set.of());
    }
}
