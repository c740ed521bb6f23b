package io.jenkins.plugins.imagefactory.git;

import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.List;
import java.util.Objects;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.transport.TransportHttp;
import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.HttpConnectionFactory;

/**
 * How JGit reaches git servers over http(s): directly (JGit's defaults, the JVM's proxy selector),
 * or through the proxies a host chooses per URL, such as the Jenkins controller's proxy settings.
 * Applied per command, never by changing JGit's process-wide defaults, which other code in the same
 * JVM (other Jenkins plugins) relies on.
 */
public final class GitNetwork {

    private static final GitNetwork DIRECT = new GitNetwork(null);

    private final ProxySelector proxies;

    private GitNetwork(ProxySelector proxies) {
        this.proxies = proxies;
    }

    /** JGit's own defaults. */
    public static GitNetwork direct() {
        return DIRECT;
    }

    /** Every http(s) connection goes through what {@code proxies} selects for its URL. */
    public static GitNetwork via(ProxySelector proxies) {
        return new GitNetwork(Objects.requireNonNull(proxies, "proxies"));
    }

    /** What a JGit command needs: {@code command.setTransportConfigCallback(network.callback())}. */
    public TransportConfigCallback callback() {
        return transport -> {
            if (proxies != null && transport instanceof TransportHttp http) {
                http.setHttpConnectionFactory(new Proxied(http.getHttpConnectionFactory(), proxies));
            }
        };
    }

    /** JGit asks with the JVM-wide selector's choice; this answers with the host's instead. */
    private record Proxied(HttpConnectionFactory delegate, ProxySelector proxies) implements HttpConnectionFactory {

        @Override
        public HttpConnection create(URL url) throws IOException {
            return delegate.create(url, proxyFor(url));
        }

        @Override
        public HttpConnection create(URL url, Proxy ignored) throws IOException {
            return delegate.create(url, proxyFor(url));
        }

        private Proxy proxyFor(URL url) throws IOException {
            try {
                List<Proxy> chosen = proxies.select(url.toURI());
                return chosen == null || chosen.isEmpty() ? Proxy.NO_PROXY : chosen.get(0);
            } catch (URISyntaxException e) {
                throw new IOException("cannot choose a proxy for " + url, e);
            }
        }
    }
}
