package io.jenkins.plugins.imagefactory.git;

import io.jenkins.plugins.imagefactory.secret.Secret;
import io.jenkins.plugins.imagefactory.secret.SecretResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.util.FS;

/**
 * The config repo as seen by one engine: a work tree to read config from and to write state into.
 *
 * <p>Use per cycle: {@link #refresh()} first (the remote always wins), read and compute, then
 * {@link #publish} once. One engine is the only writer of its work directory; the methods are
 * synchronized, not meant for concurrent cycles.
 */
public interface ConfigRepository extends AutoCloseable {

    /** The user name GitHub and similar hosts expect when a bare token is the password. */
    String TOKEN_USERNAME = "x-access-token";

    static ConfigRepository open(ConfigRepositoryLocation location, SecretResolver secrets) {
        return open(location, secrets, GitStoreOptions.defaults());
    }

    /**
     * Opens the config repo; does no network call yet. A local directory that is not a git
     * repository is opened read-only in place; anything else is cloned into the work directory
     * on the first {@link #refresh()}.
     *
     * @throws IllegalArgumentException the URL cannot be understood
     * @throws GitStoreException        a local path does not exist, or the credentials reference is unknown
     */
    static ConfigRepository open(ConfigRepositoryLocation location, SecretResolver secrets, GitStoreOptions options) {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(options, "options");
        RemoteUrl remote = RemoteUrl.parse(location.url());
        Optional<Path> local = remote.localPath();
        if (local.isPresent()) {
            Path directory = local.get();
            if (!Files.isDirectory(directory)) {
                throw new GitStoreException("config repo " + directory + " does not exist or is not a directory");
            }
            if (RepositoryCache.FileKey.resolve(directory.toFile(), FS.DETECTED) == null) {
                return new PlainDirectoryConfigRepository(directory);
            }
        }
        Optional<Secret> secret = credentialsFor(location, remote, secrets);
        List<String> secretValues = new ArrayList<>();
        secret.ifPresent(s -> secretValues.add(s.value()));
        remote.embeddedPassword().ifPresent(secretValues::add);
        return new GitConfigRepository(location, remote, secret, new Redactor(secretValues), options);
    }

    private static Optional<Secret> credentialsFor(ConfigRepositoryLocation location, RemoteUrl remote, SecretResolver secrets) {
        String reference = location.credentialsReference();
        if (reference != null) {
            Secret secret = secrets.resolve(reference, remote.target()).orElseThrow(() -> new GitStoreException(
                    "credentials reference '" + reference + "' for config repo " + remote.displayUrl()
                            + " is not known to this host (define it, or remove the reference for anonymous access)"));
            return Optional.of(secret.hasUsername() ? secret : Secret.usernamePassword(TOKEN_USERNAME, secret.value()));
        }
        return remote.embeddedPassword().map(password ->
                Secret.usernamePassword(remote.embeddedUser().filter(u -> !u.isEmpty()).orElse(TOKEN_USERNAME), password));
    }

    /** The directory holding the checked-out config: read config from here, writers write here. */
    Path workTree();

    /** True for a plain directory: {@link #publish} always fails. */
    boolean isReadOnly();

    /**
     * Clones on first use, then fetches the branch and hard-resets the work tree to its head,
     * removing untracked and ignored leftovers (a crash may leave half-written files).
     *
     * @return the head commit id, or empty for a plain directory (read in place, nothing fetched)
     * @throws GitStoreException the remote cannot be reached (after retries), or lacks the branch
     */
    Optional<String> refresh();

    /**
     * Runs the writer on the work tree and, if it changed anything, makes one commit and pushes
     * it. When the push loses a race it resets to the new remote head and runs the writer again,
     * a bounded number of times with backoff.
     *
     * @throws ReadOnlyConfigRepositoryException for a plain directory
     * @throws GitStoreException                 the writer failed, wrote outside the publish paths,
     *                                           or the push kept failing
     */
    PublishResult publish(CommitMessage message, WorkTreeWriter writer);

    /**
     * Takes or renews the one-writer lease ({@link WriterLease#REF}) for {@code holder} until
     * {@code duration} from now, by compare-and-set on the remote ref. It is taken when it is free,
     * lapsed, already ours, or when {@code takeOver} says its holder is gone.
     *
     * @return the lease the remote holds afterwards: {@code holder}'s when taken, another's when not
     * @throws GitStoreException the remote cannot be reached or refuses the ref
     */
    WriterLease holdLease(String holder, Duration duration, Predicate<WriterLease> takeOver);

    /** Gives the lease up at once if {@code holder} has it, so another instance need not wait for it to lapse. */
    void releaseLease(String holder);

    @Override
    void close();
}
