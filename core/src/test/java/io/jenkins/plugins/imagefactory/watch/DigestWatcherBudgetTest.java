package io.jenkins.plugins.imagefactory.watch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.headRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.registry.RegistryClient;
import io.jenkins.plugins.imagefactory.registry.RegistryEndpoints;
import io.jenkins.plugins.imagefactory.state.DetectedBy;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Docker Hub (WireMock) announcing its budget is spent: the rest waits for the next cycle, hints do not. */
class DigestWatcherBudgetTest {

    @RegisterExtension
    static final WireMockExtension HUB = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Test
    void once_the_budget_is_spent_poll_references_are_deferred_but_hinted_ones_are_still_checked() {
        HUB.stubFor(head(urlPathMatching("/v2/library/.*/manifests/.*")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/vnd.docker.distribution.manifest.v2+json")
                .withHeader("Docker-Content-Digest", "sha256:" + "b".repeat(64))
                .withHeader("RateLimit-Remaining", "0;w=21600")));
        RegistryClient client = RegistryClient.builder()
                .endpoints(RegistryEndpoints.standard().withRegistry("docker.io", URI.create(HUB.baseUrl())))
                .build();
        Instant now = Instant.parse("2026-03-01T00:00:00Z");
        DigestWatcher watcher = new DigestWatcher(client, PushedAtLookup.unknown(), Clock.fixed(now, ZoneOffset.UTC), 0, 1);
        ImageReference alpine = ImageReference.parse("alpine:3.20");
        ImageReference debian = ImageReference.parse("debian:12");
        ImageReference ubuntu = ImageReference.parse("ubuntu:24.04");

        WatchCycle cycle = watcher.check(List.of(
                WatchRequest.poll(alpine, Set.of()),
                WatchRequest.poll(debian, Set.of()),
                new WatchRequest(ubuntu, Set.of(), DetectedBy.WEBHOOK)),
                Map.of(debian, new KnownDigest("sha256:" + "b".repeat(64), null, Map.of(), now.minusSeconds(60))));

        // ubuntu (hinted) first, then alpine (never checked); the budget is spent before debian.
        assertThat(cycle.results()).containsOnlyKeys(ubuntu);
        assertThat(cycle.deferred()).containsExactly(alpine, debian);
        HUB.verify(1, headRequestedFor(urlPathMatching(".*")));
    }
}
