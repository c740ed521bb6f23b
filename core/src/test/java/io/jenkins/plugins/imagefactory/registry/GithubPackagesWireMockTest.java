package io.jenkins.plugins.imagefactory.registry;

import io.jenkins.plugins.imagefactory.retry.RetryPolicy;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.imagefactory.config.RegistrySettings;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.secret.Secret;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ghcr.io tag details from the GitHub Packages REST API, stood in for by WireMock. */
class GithubPackagesWireMockTest {

    @RegisterExtension
    static final WireMockExtension GITHUB = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String ORG_VERSIONS = "/orgs/acme/packages/container/base%2Fjava/versions";

    private RegistryClient client(boolean withToken) {
        return RegistryClient.builder()
                .endpoints(RegistryEndpoints.standard().withGithubApi(URI.create(GITHUB.baseUrl())))
                .registries(List.of(new RegistrySettings("ghcr.io", false, withToken ? "GHCR" : null, 4)))
                .secrets(reference -> Optional.of(Secret.token("ghp_example")))
                .retry(RetryPolicy.once())
                .build();
    }

    private static void stubVersions(String path, String link) throws IOException {
        var response = aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(DockerHubWireMockTest.resource("ghcr-versions.json"));
        if (link != null) {
            response = response.withHeader("Link", link);
        }
        GITHUB.stubFor(get(urlPathEqualTo(path)).willReturn(response));
    }

    @Test
    void versionsBecomeTagsWithDigestAndUpdatedDateNewestFirstAndNoSize() throws IOException {
        stubVersions(ORG_VERSIONS, "<" + GITHUB.baseUrl() + ORG_VERSIONS + "?per_page=30&page=2>; rel=\"next\", <"
                + GITHUB.baseUrl() + ORG_VERSIONS + "?per_page=30&page=5>; rel=\"last\"");

        TagDetailsPage page = client(true).tagDetails(ImageReference.parse("ghcr.io/acme/base/java"), 1, 30);

        assertThat(page.provider()).isEqualTo(TagDetailsPage.Provider.GITHUB_PACKAGES);
        assertThat(page.hasNext()).isTrue();
        assertThat(page.tags()).extracting(TagDetails::tag).containsExactly("21", "17", "17.0.15");
        assertThat(page.tags().get(0)).isEqualTo(new TagDetails("21",
                "sha256:9c2b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b", null, Instant.parse("2025-05-21T12:30:00Z")));
        GITHUB.verify(getRequestedFor(urlPathEqualTo(ORG_VERSIONS))
                .withQueryParam("page", equalTo("1")).withQueryParam("per_page", equalTo("30"))
                .withHeader("Authorization", equalTo("Bearer ghp_example"))
                .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28")));
    }

    @Test
    void userOwnedPackagesAreFoundAfterTheOrgsEndpointSays404() throws IOException {
        GITHUB.stubFor(get(urlPathEqualTo("/orgs/jdoe/packages/container/tool/versions")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"404\"}")));
        stubVersions("/users/jdoe/packages/container/tool/versions", null);
        RegistryClient client = client(true);

        assertThat(client.pushedAt(ImageReference.parse("ghcr.io/jdoe/tool:17"))).contains(Instant.parse("2025-04-01T10:00:00Z"));
        assertThat(client.pushedAt(ImageReference.parse("ghcr.io/jdoe/tool:21"))).contains(Instant.parse("2025-05-21T12:30:00Z"));
        GITHUB.verify(1, getRequestedFor(urlPathEqualTo("/orgs/jdoe/packages/container/tool/versions")));
    }

    @Test
    void missingPackageIsA404WithGithubsMessage() {
        GITHUB.stubFor(get(urlPathEqualTo("/orgs/acme/packages/container/gone/versions")).willReturn(aResponse().withStatus(404)
                .withBody("{\"message\":\"Package not found.\",\"documentation_url\":\"https://docs.github.com/rest\"}")));
        GITHUB.stubFor(get(urlPathEqualTo("/users/acme/packages/container/gone/versions")).willReturn(aResponse().withStatus(404)
                .withBody("{\"message\":\"Package not found.\",\"documentation_url\":\"https://docs.github.com/rest\"}")));

        assertThatThrownBy(() -> client(true).tagDetails(ImageReference.parse("ghcr.io/acme/gone"), 1, 10))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.registryMessage()).isEqualTo("Package not found.");
                    assertThat(e.reference()).isEqualTo("ghcr.io/acme/gone");
                });
    }

    @Test
    void withoutATokenTheErrorSaysWhatToConfigure() {
        assertThatThrownBy(() -> client(false).tagDetails(ImageReference.parse("ghcr.io/acme/base/java"), 1, 10))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("needs a token");
    }
}
