package io.jenkins.plugins.imagefactory.jenkins;

import hudson.ProxyConfiguration;
import io.jenkins.plugins.imagefactory.git.GitNetwork;
import io.jenkins.plugins.imagefactory.net.HttpClientFactory;
import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import jenkins.model.Jenkins;

/**
 * The engine's outbound calls as this controller makes them: through the proxy under Manage
 * Jenkins › System › HTTP Proxy Configuration (with its "no proxy" hosts), read at each call so a
 * changed proxy applies at once. java.net.http clients come from {@link ProxyConfiguration#newHttpClientBuilder()}
 * (which also answers the proxy's authentication); JGit is pointed at the same proxy per command.
 */
final class JenkinsNetwork {

    private JenkinsNetwork() {
    }

    static HttpClientFactory http() {
        return HttpClientFactory.using(ProxyConfiguration::newHttpClientBuilder);
    }

    static GitNetwork git() {
        return GitNetwork.via(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                ProxyConfiguration proxy = Jenkins.get().getProxy();
                return List.of(proxy == null || uri.getHost() == null ? Proxy.NO_PROXY : proxy.createProxy(uri.getHost()));
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException failure) {
                // nothing to remember: the next attempt asks the configuration again
            }
        });
    }
}
