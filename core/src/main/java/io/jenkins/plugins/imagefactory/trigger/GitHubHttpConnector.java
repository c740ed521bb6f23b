package io.jenkins.plugins.imagefactory.trigger;

import io.jenkins.plugins.imagefactory.net.OutboundClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorRequest;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * The github-api library's calls through the engine's own {@link OutboundClient}: the host's
 * proxy applies, and a redirect to another host never carries the token (the library's stock
 * connector lets the JDK follow redirects with the {@code Authorization} header attached).
 */
final class GitHubHttpConnector implements GitHubConnector {

    // headers java.net.http sets itself and refuses from callers
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final OutboundClient client;
    private final Duration timeout;

    GitHubHttpConnector(OutboundClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    @Override
    public GitHubConnectorResponse send(GitHubConnectorRequest request) throws IOException {
        HttpRequest.Builder builder;
        try {
            builder = HttpRequest.newBuilder(request.url().toURI()).timeout(timeout);
        } catch (URISyntaxException e) {
            throw new IOException("GitHub URL is not a URI: " + request.url(), e);
        }
        request.allHeaders().forEach((name, values) -> {
            if (name != null && !RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        byte[] body = request.hasBody() ? request.body().readAllBytes() : null;
        builder.method(request.method(), body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpResponse<byte[]> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(request, response.statusCode(), response.headers().map(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while calling GitHub");
        }
    }

    private static final class Answer extends GitHubConnectorResponse.ByteArrayResponse {
        private final byte[] body;

        Answer(GitHubConnectorRequest request, int status, Map<String, List<String>> headers, byte[] body) {
            super(request, status, headers);
            this.body = body == null ? new byte[0] : body;
        }

        @Override
        protected InputStream rawBodyStream() {
            return new ByteArrayInputStream(body);
        }
    }
}
