package io.jenkins.plugins.imagefactory.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagefactory.testing.HeaderEchoServer;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Redirects, credentials and protocol of every outbound call, against real loopback servers. */
class OutboundClientTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static OutboundClient client() {
        return HttpClientFactory.standard().client(TIMEOUT);
    }

    @Test
    void aRedirectToAnotherHostArrivesWithoutTheCredentials() throws Exception {
        try (HeaderEchoServer storage = new HeaderEchoServer(r -> HeaderEchoServer.Answer.ok("blob"));
             HeaderEchoServer registry = new HeaderEchoServer(r ->
                     HeaderEchoServer.Answer.redirect(307, storage.otherOriginUrl() + "/bucket/blob?sig=abc"))) {
            HttpResponse<String> response = client().send(HttpRequest.newBuilder(URI.create(registry.url() + "/v2/app/blobs/x"))
                    .header("Authorization", "Bearer registry-token").header("Cookie", "session=1").GET().build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("blob");
            assertThat(registry.seen.get(0).header("Authorization")).isEqualTo("Bearer registry-token");
            assertThat(storage.seen).singleElement().satisfies(seen -> {
                assertThat(seen.path()).isEqualTo("/bucket/blob?sig=abc");
                assertThat(seen.header("Authorization")).isNull();
                assertThat(seen.header("Cookie")).isNull();
            });
        }
    }

    @Test
    void aRedirectOnTheSameOriginKeepsCredentialsMethodAndBody() throws Exception {
        try (HeaderEchoServer server = new HeaderEchoServer(r -> r.path().equals("/old")
                ? HeaderEchoServer.Answer.redirect(307, "/new") : HeaderEchoServer.Answer.ok("moved"))) {
            HttpResponse<String> response = client().send(HttpRequest.newBuilder(URI.create(server.url() + "/old"))
                    .header("Authorization", "Bearer t").POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.body()).isEqualTo("moved");
            assertThat(server.seen).hasSize(2);
            assertThat(server.seen.get(1).method()).isEqualTo("POST");
            assertThat(server.seen.get(1).body()).isEqualTo("{\"a\":1}");
            assertThat(server.seen.get(1).header("Authorization")).isEqualTo("Bearer t");
        }
    }

    @Test
    void aPortChangeIsAnotherOriginToo() throws Exception {
        try (HeaderEchoServer other = new HeaderEchoServer(r -> HeaderEchoServer.Answer.ok("there"));
             HeaderEchoServer first = new HeaderEchoServer(r -> HeaderEchoServer.Answer.redirect(302, other.url() + "/x"))) {
            client().send(HttpRequest.newBuilder(URI.create(first.url() + "/x")).header("Authorization", "Basic dTpw").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(other.seen).singleElement().satisfies(seen -> assertThat(seen.header("Authorization")).isNull());
        }
    }

    @Test
    void seeOtherTurnsAPostIntoAGetWithoutBody() throws Exception {
        try (HeaderEchoServer server = new HeaderEchoServer(r -> r.path().equals("/submit")
                ? HeaderEchoServer.Answer.redirect(303, "/result") : HeaderEchoServer.Answer.ok("done"))) {
            client().send(HttpRequest.newBuilder(URI.create(server.url() + "/submit"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(server.seen.get(1).method()).isEqualTo("GET");
            assertThat(server.seen.get(1).body()).isEmpty();
            assertThat(server.seen.get(1).header("Content-Type")).isNull();
        }
    }

    @Test
    void aRedirectLoopEndsWithTheLastRedirectAnswer() throws Exception {
        try (HeaderEchoServer server = new HeaderEchoServer(r -> HeaderEchoServer.Answer.redirect(302, "/again"))) {
            HttpResponse<String> response = client().send(HttpRequest.newBuilder(URI.create(server.url() + "/start")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(302);
            assertThat(server.seen).hasSize(OutboundClient.MAX_REDIRECTS + 1);
        }
    }

    @Test
    void plainHttpIsHttpOneOneWithoutUpgradeHeaders() throws Exception {
        try (HeaderEchoServer server = new HeaderEchoServer(r -> HeaderEchoServer.Answer.ok("ok"))) {
            HttpResponse<String> response = client().send(HttpRequest.newBuilder(URI.create(server.url() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
            assertThat(server.seen.get(0).header("Upgrade")).isNull();
            assertThat(server.seen.get(0).header("HTTP2-Settings")).isNull();
        }
    }

    @Test
    void callsGoThroughTheHostsBuilderSoItsProxyApplies() throws Exception {
        AtomicInteger builders = new AtomicInteger();
        try (HeaderEchoServer proxy = new HeaderEchoServer(r -> HeaderEchoServer.Answer.ok("via proxy"))) {
            HttpClientFactory factory = HttpClientFactory.using(() -> {
                builders.incrementAndGet();
                return HttpClient.newBuilder().proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", proxy.port())));
            });
            HttpResponse<String> response = factory.client(TIMEOUT).send(
                    HttpRequest.newBuilder(URI.create("http://registry.invalid:5000/v2/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.body()).isEqualTo("via proxy");
            assertThat(proxy.seen).singleElement().satisfies(seen -> assertThat(seen.header("Host"))
                    .isEqualTo("registry.invalid:5000"));
            assertThat(builders).hasValue(1);
        }
    }

    @Test
    void aHostOutsideTheEgressAllowListIsNeverCalledNotEvenByARedirect() throws Exception {
        try (HeaderEchoServer elsewhere = new HeaderEchoServer(r -> HeaderEchoServer.Answer.ok("should not be reached"));
             HeaderEchoServer allowed = new HeaderEchoServer(r ->
                     HeaderEchoServer.Answer.redirect(302, elsewhere.otherOriginUrl() + "/x"))) {
            OutboundClient client = HttpClientFactory.standard()
                    .withEgress(new EgressPolicy(List.of("127.0.0.1:" + allowed.port()))).client(TIMEOUT);

            assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(URI.create(elsewhere.url() + "/direct")).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(EgressRefusedException.class)
                    .hasMessageContaining("is not in egress.allow");
            assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(URI.create(allowed.url() + "/start")).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(EgressRefusedException.class)
                    .hasMessageContaining("a redirect to http://localhost:" + elsewhere.port());
            assertThat(allowed.seen).hasSize(1);
            assertThat(elsewhere.seen).isEmpty();
        }
    }
}
