package io.jenkins.plugins.imagefactory.cli.serve;

import io.jenkins.plugins.imagefactory.secret.Secret;
import io.jenkins.plugins.imagefactory.webhook.WebhookReceiver;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * How the server listens and whom it trusts.
 *
 * @param address          where to listen; port 0 picks a free port
 * @param receiver         the registry webhook receiver (its endpoints and body cap)
 * @param gitWebhookSecret the config repo push webhook's HMAC secret; empty turns {@code /webhook/git} off
 * @param branch           the config repo's branch, for the push webhook
 * @param apiToken         the bearer token of the write routes; empty turns them off
 * @param threads          request threads; requests beyond them queue briefly, then slow the acceptor
 */
public record ServeSettings(InetSocketAddress address, WebhookReceiver receiver, Optional<Secret> gitWebhookSecret,
                            String branch, Optional<Secret> apiToken, int threads) {

    public static final int DEFAULT_THREADS = 8;

    public ServeSettings {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(receiver, "receiver");
        Objects.requireNonNull(gitWebhookSecret, "gitWebhookSecret");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(apiToken, "apiToken");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
    }

    @Override
    public String toString() {
        return "ServeSettings[address=" + address + ", webhooks=" + receiver.maxBodyBytes() + "-byte cap, gitWebhook="
                + (gitWebhookSecret.isPresent() ? "on" : "off") + ", branch=" + branch + ", writeApi="
                + (apiToken.isPresent() ? "on" : "off") + ", threads=" + threads + "]";
    }
}
