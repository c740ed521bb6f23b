package io.jenkins.plugins.imagefactory.net;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Makes the engine's HTTP clients from the host's builder (a plain one by default; the Jenkins
 * plugin passes one that carries the controller's proxy settings). Redirects are never left to
 * the JDK: {@link OutboundClient} follows them itself, and sends only where the config's
 * {@link EgressPolicy} allows.
 */
public final class HttpClientFactory {

    private static final HttpClientFactory STANDARD = new HttpClientFactory(HttpClient::newBuilder, EgressPolicy.ALLOW_ALL);

    private final Supplier<HttpClient.Builder> builders;
    private final EgressPolicy egress;

    private HttpClientFactory(Supplier<HttpClient.Builder> builders, EgressPolicy egress) {
        this.builders = builders;
        this.egress = egress;
    }

    /** Plain {@link HttpClient#newBuilder()} clients: the standalone host's choice. */
    public static HttpClientFactory standard() {
        return STANDARD;
    }

    /** Clients from the host's builders; each call must return a fresh builder. */
    public static HttpClientFactory using(Supplier<HttpClient.Builder> builders) {
        return new HttpClientFactory(Objects.requireNonNull(builders, "builders"), EgressPolicy.ALLOW_ALL);
    }

    /** The same clients, sending only where {@code policy} allows (the config's {@code egress.allow}). */
    public HttpClientFactory withEgress(EgressPolicy policy) {
        return new HttpClientFactory(builders, Objects.requireNonNull(policy, "policy"));
    }

    public EgressPolicy egress() {
        return egress;
    }

    /** A client that connects within {@code connectTimeout} and follows redirects safely. */
    public OutboundClient client(Duration connectTimeout) {
        HttpClient client = Objects.requireNonNull(builders.get(), "the host's HttpClient builder supplier returned null")
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        return new OutboundClient(client, egress);
    }
}
