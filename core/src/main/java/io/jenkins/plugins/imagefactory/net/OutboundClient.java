package io.jenkins.plugins.imagefactory.net;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Sends a request and follows up to {@value #MAX_REDIRECTS} redirects itself. Credentials
 * ({@code Authorization}, {@code Cookie}) go only to the origin (scheme, host, port) they were
 * meant for: a registry that sends a blob download to a storage host gets there without them.
 * An https URL is never followed to http. {@code http://} requests are HTTP/1.1 without the
 * {@code Upgrade: h2c} headers some servers and proxies choke on.
 */
public final class OutboundClient {

    public static final int MAX_REDIRECTS = 5;

    private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "cookie", "proxy-authorization");

    private final HttpClient client;
    private final EgressPolicy egress;

    OutboundClient(HttpClient client, EgressPolicy egress) {
        this.client = client;
        this.egress = egress;
    }

    /**
     * @throws EgressRefusedException the request or one of its redirects goes to a host
     *                                {@code egress.allow} does not list; nothing was sent there
     */
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        HttpRequest current = plainHttpOneOne(request);
        for (int hop = 0; ; hop++) {
            if (!egress.permits(current.uri())) {
                throw new EgressRefusedException(egress.refusal((hop == 0 ? "" : "a redirect to ") + current.uri().getScheme()
                        + "://" + current.uri().getAuthority()));
            }
            HttpResponse<T> response = client.send(current, handler);
            Optional<HttpRequest> next = hop < MAX_REDIRECTS ? redirect(current, response) : Optional.empty();
            if (next.isEmpty()) {
                return response;
            }
            current = plainHttpOneOne(next.get());
        }
    }

    /** The request a redirect asks for, or empty when it is not one this client follows. */
    static Optional<HttpRequest> redirect(HttpRequest request, HttpResponse<?> response) {
        int status = response.statusCode();
        if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
            return Optional.empty();
        }
        Optional<String> location = response.headers().firstValue("Location");
        if (location.isEmpty()) {
            return Optional.empty();
        }
        URI target;
        try {
            target = request.uri().resolve(location.get().strip());
        } catch (IllegalArgumentException badLocation) {
            return Optional.empty();
        }
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || target.getHost() == null) {
            return Optional.empty();
        }
        if ("https".equalsIgnoreCase(request.uri().getScheme()) && scheme.equals("http")) {
            return Optional.empty();
        }
        boolean sameOrigin = sameOrigin(request.uri(), target);
        // 303, and 301/302 after anything but GET/HEAD, turn into a GET without body (as browsers do)
        boolean toGet = status == 303 || (status == 301 || status == 302)
                && !request.method().equals("GET") && !request.method().equals("HEAD");
        HttpRequest.Builder next = HttpRequest.newBuilder(request,
                (name, value) -> (sameOrigin || !CREDENTIAL_HEADERS.contains(name.toLowerCase(Locale.ROOT)))
                        && !(toGet && name.equalsIgnoreCase("Content-Type")))
                .uri(target);
        if (toGet) {
            next.method("GET", HttpRequest.BodyPublishers.noBody());
        }
        return Optional.of(next.build());
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static HttpRequest plainHttpOneOne(HttpRequest request) {
        if (!"http".equalsIgnoreCase(request.uri().getScheme()) || request.version().isPresent()) {
            return request;
        }
        return HttpRequest.newBuilder(request, (name, value) -> true).version(HttpClient.Version.HTTP_1_1).build();
    }
}
