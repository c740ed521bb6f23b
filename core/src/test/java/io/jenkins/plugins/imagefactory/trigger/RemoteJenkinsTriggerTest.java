package io.jenkins.plugins.imagefactory.trigger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.imagefactory.config.BuildSpec;
import io.jenkins.plugins.imagefactory.retry.RetryPolicy;
import io.jenkins.plugins.imagefactory.secret.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** buildWithParameters, the CSRF crumb, following the queue item, and results, against Jenkins' REST shapes. */
class RemoteJenkinsTriggerTest {

    @RegisterExtension
    static WireMockExtension jenkins = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final Secret USER = Secret.usernamePassword("image-factory", "11aa22bb33cc44dd55ee66ff77889900aa");

    RemoteJenkinsTrigger trigger() {
        return new RemoteJenkinsTrigger(jenkins.baseUrl() + "/", USER,
                new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(2), d -> { }, () -> 0), Duration.ofSeconds(5));
    }

    static RebuildContext context() {
        return new RebuildContext("etl", List.of("docker.io/acme/etl:latest"), "k-42", false, "system", null, List.of(),
                Instant.parse("2026-11-02T10:00:00Z"), new BuildSpec.Jenkins("data/nightly etl/main", Map.of("PUSH", "true")));
    }

    @Test
    void startsTheJobWithTheContextAndFollowsQueueItemToResult() throws TriggerException {
        jenkins.stubFor(get("/crumbIssuer/api/json").willReturn(okJson(
                "{\"_class\":\"hudson.security.csrf.DefaultCrumbIssuer\",\"crumb\":\"c0ffee\",\"crumbRequestField\":\"Jenkins-Crumb\"}")));
        jenkins.stubFor(post("/job/data/job/nightly%20etl/job/main/buildWithParameters").willReturn(aResponse().withStatus(201)
                .withHeader("Location", jenkins.baseUrl() + "/queue/item/17/")));
        RunStatus queued = trigger().dispatch(context());
        assertThat(queued.state()).isEqualTo(RunStatus.State.QUEUED);
        jenkins.verify(postRequestedFor(urlPathEqualTo("/job/data/job/nightly%20etl/job/main/buildWithParameters"))
                .withHeader("Jenkins-Crumb", equalTo("c0ffee"))
                .withHeader("Authorization", equalTo("Basic aW1hZ2UtZmFjdG9yeToxMWFhMjJiYjMzY2M0NGRkNTVlZTY2ZmY3Nzg4OTkwMGFh"))
                .withRequestBody(containing("PUSH=true")).withRequestBody(containing("IMAGE_FACTORY_KEY=k-42"))
                .withRequestBody(containing("IMAGE_FACTORY_CONTEXT=%7B%22image%22%3A%22etl%22")));

        jenkins.stubFor(get("/queue/item/17/api/json").willReturn(okJson(
                "{\"_class\":\"hudson.model.Queue$LeftItem\",\"id\":17,\"cancelled\":false,\"why\":null,"
                        + "\"executable\":{\"_class\":\"hudson.model.FreeStyleBuild\",\"number\":8,\"url\":\""
                        + jenkins.baseUrl() + "/job/data/job/nightly%20etl/job/main/8/\"}}")));
        jenkins.stubFor(get("/job/data/job/nightly%20etl/job/main/8/api/json").willReturn(okJson(
                "{\"_class\":\"hudson.model.FreeStyleBuild\",\"building\":false,\"duration\":93000,\"number\":8,"
                        + "\"result\":\"FAILURE\",\"timestamp\":1762077600000,\"url\":\""
                        + jenkins.baseUrl() + "/job/data/job/nightly%20etl/job/main/8/\"}")));
        RunStatus finished = trigger().poll(context(), queued);
        assertThat(finished.state()).isEqualTo(RunStatus.State.FAILED);
        assertThat(finished.message()).isEqualTo("Jenkins result FAILURE");
        assertThat(finished.url()).endsWith("/job/data/job/nightly%20etl/job/main/8/");
    }

    @Test
    void findsTheBuildCarryingTheKey() throws TriggerException {
        jenkins.stubFor(get(urlPathEqualTo("/job/data/job/nightly%20etl/job/main/api/json")).willReturn(okJson(
                "{\"builds\":[{\"number\":9,\"url\":\"u9\",\"building\":true,\"result\":null,\"timestamp\":1,"
                        + "\"actions\":[{\"parameters\":[{\"name\":\"IMAGE_FACTORY_KEY\",\"value\":\"other\"}]}]},"
                        + "{\"number\":8,\"url\":\"u8\",\"building\":false,\"result\":\"SUCCESS\",\"timestamp\":1,\"duration\":5,"
                        + "\"actions\":[{},{\"parameters\":[{\"name\":\"IMAGE_FACTORY_KEY\",\"value\":\"k-42\"}]}]}]}")));
        RunStatus found = trigger().find(context()).orElseThrow();
        assertThat(found.state()).isEqualTo(RunStatus.State.SUCCEEDED);
        assertThat(found.url()).isEqualTo("u8");
    }

    @Test
    void explainsRefusals() {
        jenkins.stubFor(post("/job/data/job/nightly%20etl/job/main/buildWithParameters").willReturn(aResponse().withStatus(404)
                .withBody("<html>Not Found</html>")));
        assertThatThrownBy(() -> trigger().dispatch(context())).isInstanceOf(TriggerException.class)
                .hasMessageContaining("404").hasMessageContaining("no such job")
                .hasMessageNotContaining("11aa22bb33cc44dd55ee66ff77889900aa");
    }
}
