package io.jenkins.plugins.imagefactory.trigger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.jenkins.plugins.imagefactory.config.BuildSpec;
import io.jenkins.plugins.imagefactory.retry.RetryPolicy;
import io.jenkins.plugins.imagefactory.secret.Secret;
import io.jenkins.plugins.imagefactory.webhook.HmacSignatures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WebhookTriggerTest {

    @RegisterExtension
    static WireMockExtension builder = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final Secret KEY = Secret.token("builder-signing-key");

    WebhookTrigger trigger() {
        return new WebhookTrigger(ref -> "BUILDER_KEY".equals(ref) ? Optional.of(KEY) : Optional.empty(),
                new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(2), d -> { }, () -> 0), Duration.ofSeconds(5));
    }

    RebuildContext context(String secret) {
        return new RebuildContext("app", List.of("localhost:5000/app:1"), "k-1", true, "alice", "CVE-2026-0001", List.of(),
                Instant.parse("2026-11-02T10:00:00Z"), new BuildSpec.Webhook(builder.baseUrl() + "/build", secret));
    }

    @Test
    void postsTheContextSignedSoTheBuilderCanVerifyIt() throws TriggerException {
        builder.stubFor(post("/build").willReturn(aResponse().withStatus(202)
                .withBody("{\"id\":\"run-7\",\"url\":\"http://builder/runs/7\"}")));
        RunStatus status = trigger().dispatch(context("BUILDER_KEY"));
        assertThat(status.id()).isEqualTo("run-7");
        assertThat(status.url()).isEqualTo("http://builder/runs/7");
        LoggedRequest request = builder.findAll(postRequestedFor(urlEqualTo("/build"))).get(0);
        assertThat(request.getHeader(WebhookTrigger.KEY_HEADER)).isEqualTo("k-1");
        assertThat(HmacSignatures.verify(KEY, request.getBody(), request.getHeader(HmacSignatures.IMAGE_FACTORY_HEADER)))
                .isEqualTo(HmacSignatures.Verification.VALID);
        assertThat(request.getBodyAsString()).contains("\"urgent\":true").contains("\"reason\":\"CVE-2026-0001\"");
    }

    @Test
    void unsignedWithoutASecretAndClearErrors() {
        builder.stubFor(post("/build").willReturn(aResponse().withStatus(400).withBody("bad\u0007 request")));
        assertThatThrownBy(() -> trigger().dispatch(context(null))).isInstanceOfSatisfying(TriggerException.class,
                e -> assertThat(e.isTransient()).isFalse()).hasMessageContaining("answered 400: bad request");
        builder.verify(1, postRequestedFor(urlEqualTo("/build")).withoutHeader(HmacSignatures.IMAGE_FACTORY_HEADER));
        assertThatThrownBy(() -> trigger().dispatch(context("MISSING"))).hasMessageContaining("\"MISSING\"");
        builder.stubFor(post("/build").willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> trigger().dispatch(context(null))).isInstanceOfSatisfying(TriggerException.class,
                e -> assertThat(e.isTransient()).isTrue());
        builder.verify(3, postRequestedFor(urlEqualTo("/build")));
    }
}
