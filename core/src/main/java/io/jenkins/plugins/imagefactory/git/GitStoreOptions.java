package io.jenkins.plugins.imagefactory.git;

import io.jenkins.plugins.imagefactory.retry.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the git store behaves; {@link #defaults()} suits production, tests swap the clock and sleeper.
 *
 * @param identity       author and committer of publish commits
 * @param clock          commit timestamps come from here, so a fixed clock gives reproducible commits
 * @param networkTimeout per network operation (fetch, push); rounded up to whole seconds for JGit
 * @param networkRetry   retries of a fetch that failed for a network reason
 * @param pushRetry      rounds of fetch-reset-write-commit-push when the remote moved meanwhile
 * @param sleeper        waits between retries
 * @param publishPaths   the folders the system writes (state, events, catalog), repo-relative; a
 *                       writer that changes anything outside them is a bug and fails the publish
 * @param publishHook    called at each step of a publish ({@link PublishHook#NONE} in production)
 * @param network        how JGit reaches the remote (the host's proxies)
 */
public record GitStoreOptions(
        CommitIdentity identity,
        Clock clock,
        Duration networkTimeout,
        RetryPolicy networkRetry,
        RetryPolicy pushRetry,
        RetryPolicy.Sleeper sleeper,
        List<String> publishPaths,
        PublishHook publishHook,
        GitNetwork network) {

    public static final List<String> DEFAULT_PUBLISH_PATHS = List.of("state", "catalog");
    public static final RetryPolicy DEFAULT_RETRY = RetryPolicy.of(5, Duration.ofMillis(200), Duration.ofSeconds(10));

    public GitStoreOptions {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(networkTimeout, "networkTimeout");
        if (networkTimeout.isNegative() || networkTimeout.isZero()) {
            throw new IllegalArgumentException("git network timeout must be positive, got " + networkTimeout);
        }
        Objects.requireNonNull(networkRetry, "networkRetry");
        Objects.requireNonNull(pushRetry, "pushRetry");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(publishHook, "publishHook");
        Objects.requireNonNull(network, "network");
        publishPaths = publishPaths.stream().map(GitStoreOptions::normalisePath).distinct().toList();
        if (publishPaths.isEmpty()) {
            throw new IllegalArgumentException("publishPaths must name at least one folder, e.g. 'state'");
        }
    }

    public static GitStoreOptions defaults() {
        return new GitStoreOptions(CommitIdentity.DEFAULT, Clock.systemUTC(), Duration.ofMinutes(2),
                DEFAULT_RETRY, DEFAULT_RETRY, RetryPolicy.Sleeper.SYSTEM, DEFAULT_PUBLISH_PATHS, PublishHook.NONE,
                GitNetwork.direct());
    }

    public GitStoreOptions withIdentity(CommitIdentity value) {
        return new GitStoreOptions(value, clock, networkTimeout, networkRetry, pushRetry, sleeper, publishPaths, publishHook, network);
    }

    public GitStoreOptions withClock(Clock value) {
        return new GitStoreOptions(identity, value, networkTimeout, networkRetry, pushRetry, sleeper, publishPaths, publishHook, network);
    }

    public GitStoreOptions withNetworkTimeout(Duration value) {
        return new GitStoreOptions(identity, clock, value, networkRetry, pushRetry, sleeper, publishPaths, publishHook, network);
    }

    public GitStoreOptions withNetworkRetry(RetryPolicy value) {
        return new GitStoreOptions(identity, clock, networkTimeout, value, pushRetry, sleeper, publishPaths, publishHook, network);
    }

    public GitStoreOptions withPushRetry(RetryPolicy value) {
        return new GitStoreOptions(identity, clock, networkTimeout, networkRetry, value, sleeper, publishPaths, publishHook, network);
    }

    public GitStoreOptions withSleeper(RetryPolicy.Sleeper value) {
        return new GitStoreOptions(identity, clock, networkTimeout, networkRetry, pushRetry, value, publishPaths, publishHook, network);
    }

    public GitStoreOptions withPublishPaths(List<String> value) {
        return new GitStoreOptions(identity, clock, networkTimeout, networkRetry, pushRetry, sleeper, value, publishHook, network);
    }

    public GitStoreOptions withPublishHook(PublishHook value) {
        return new GitStoreOptions(identity, clock, networkTimeout, networkRetry, pushRetry, sleeper, publishPaths, value, network);
    }

    public GitStoreOptions withNetwork(GitNetwork value) {
        return new GitStoreOptions(identity, clock, networkTimeout, networkRetry, pushRetry, sleeper, publishPaths, publishHook,
                value);
    }

    int networkTimeoutSeconds() {
        long seconds = (networkTimeout.toMillis() + 999) / 1000;
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, seconds));
    }

    private static String normalisePath(String path) {
        Objects.requireNonNull(path, "publish path");
        String p = path.replace('\\', '/');
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.isEmpty() || p.startsWith("/") || p.equals(".git") || p.startsWith(".git/")
                || ("/" + p + "/").contains("/../") || ("/" + p + "/").contains("/./")) {
            throw new IllegalArgumentException(
                    "publish path must be a folder inside the repo like 'state', got '" + path + "'");
        }
        return p;
    }
}
