package io.jenkins.plugins.imagefactory.git;

import io.jenkins.plugins.imagefactory.retry.RetryPolicy;
import io.jenkins.plugins.imagefactory.secret.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand.ResetType;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.errors.NotSupportedException;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The git-backed config repo: a working clone of one branch, reset to the remote on every refresh
 * and published to with fetch-reset-rewrite retries when the push loses a race.
 */
final class GitConfigRepository implements ConfigRepository {

    private static final Logger LOG = LoggerFactory.getLogger(GitConfigRepository.class);
    private static final String REMOTE = Constants.DEFAULT_REMOTE_NAME;

    private final ConfigRepositoryLocation location;
    private final RemoteUrl remote;
    private final Optional<Secret> credentials;
    private final Redactor redactor;
    private final GitStoreOptions options;
    private final Path workTree;
    private final String localBranchRef;
    private final String trackingRef;
    private Git git;

    GitConfigRepository(ConfigRepositoryLocation location, RemoteUrl remote, Optional<Secret> credentials,
            Redactor redactor, GitStoreOptions options) {
        this.location = location;
        this.remote = remote;
        this.credentials = credentials;
        this.redactor = redactor;
        this.options = options;
        this.workTree = location.workDirectory().toAbsolutePath().normalize();
        this.localBranchRef = Constants.R_HEADS + location.branch();
        this.trackingRef = Constants.R_REMOTES + REMOTE + "/" + location.branch();
    }

    @Override
    public Path workTree() {
        return workTree;
    }

    @Override
    public boolean isReadOnly() {
        return false;
    }

    @Override
    public synchronized Optional<String> refresh() {
        Git clone = openClone();
        ObjectId head = fetch(clone);
        if (head.equals(resolve(clone, Constants.HEAD)) && isOnBranch(clone) && WorkTreeChanges.isClean(clone.getRepository())) {
            // the head did not move and nothing was left behind: a reset and clean would rewrite nothing
            LOG.debug("config repo {} branch {} still at {}", remote.displayUrl(), location.branch(), head.name());
            return Optional.of(head.name());
        }
        resetTo(clone, head);
        LOG.info("config repo {} branch {} at {}", remote.displayUrl(), location.branch(), head.name());
        return Optional.of(head.name());
    }

    @Override
    public synchronized PublishResult publish(CommitMessage message, WorkTreeWriter writer) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(writer, "writer");
        Git clone = openClone();
        startFromTrackedHead(clone);
        RetryPolicy policy = options.pushRetry();
        String lastFailure = null;
        Published unconfirmed = null;
        ObjectId lostOnto = null;
        for (int attempt = 1; attempt <= policy.maxAttempts(); attempt++) {
            if (attempt > 1) {
                pause(policy, attempt - 1);
                ObjectId remoteHead = fetch(clone);
                if (unconfirmed != null && contains(clone, remoteHead, unconfirmed.commitId())) {
                    // the push went through even though its answer was lost: do not write twice
                    resetTo(clone, remoteHead);
                    return new PublishResult.Published(unconfirmed.commitId(), attempt - 1, unconfirmed.changes());
                }
                if (lostOnto != null && lostOnto.equals(remoteHead)) {
                    // "rejected" while nobody else moved the branch: not a race but a rule of the server
                    throw new GitStoreException("push to " + remote.displayUrl() + " branch " + location.branch()
                            + " was refused and the branch did not move: " + lastFailure
                            + " (the system needs push rights to this branch; is it protected?)");
                }
                resetTo(clone, remoteHead);
            }
            options.publishHook().at(PublishHook.Step.BEFORE_WRITE, attempt);
            runWriter(writer, attempt);
            options.publishHook().at(PublishHook.Step.BEFORE_COMMIT, attempt);
            ObjectId parent = resolve(clone, Constants.HEAD);
            Optional<RevCommit> committed = stageAndCommit(clone, parent, message);
            if (committed.isEmpty()) {
                LOG.info("nothing to publish to {} branch {}", remote.displayUrl(), location.branch());
                return new PublishResult.NothingToPublish(parent.name(), attempt);
            }
            RevCommit commit = committed.get();
            List<ChangedFile> changes = ChangedFiles.between(clone.getRepository(), parent, commit);
            options.publishHook().at(PublishHook.Step.BEFORE_PUSH, attempt);
            PushOutcome outcome = push(clone);
            switch (outcome.kind()) {
                case ACCEPTED -> {
                    options.publishHook().at(PublishHook.Step.PUSHED, attempt);
                    LOG.info("published {} ({} files) to {} branch {} in {} attempt(s)", commit.name(), changes.size(),
                            remote.displayUrl(), location.branch(), attempt);
                    return new PublishResult.Published(commit.name(), attempt, changes);
                }
                case RACE_LOST -> {
                    lastFailure = outcome.detail();
                    unconfirmed = null;
                    lostOnto = parent;
                    LOG.info("push to {} branch {} lost a race (attempt {}/{}): {}; rewriting on the new head",
                            remote.displayUrl(), location.branch(), attempt, policy.maxAttempts(), outcome.detail());
                }
                case UNCONFIRMED -> {
                    lastFailure = outcome.detail();
                    lostOnto = null;
                    unconfirmed = new Published(commit.name(), changes);
                    LOG.warn("push to {} branch {} failed (attempt {}/{}): {}", remote.displayUrl(), location.branch(),
                            attempt, policy.maxAttempts(), outcome.detail());
                }
                default -> throw new GitStoreException("push of " + commit.name() + " to " + remote.displayUrl()
                        + " branch " + location.branch() + " was refused: " + outcome.detail()
                        + " (the system needs push rights to this branch; is it protected?)");
            }
        }
        throw new GitStoreException("could not publish to " + remote.displayUrl() + " branch " + location.branch()
                + " after " + policy.maxAttempts() + " attempts; last failure: " + lastFailure);
    }

    @Override
    public synchronized WriterLease holdLease(String holder, Duration duration, Predicate<WriterLease> takeOver) {
        try {
            WriterLease lease = new LeaseRef(openClone(), REMOTE, credentialsProvider(), options).hold(holder, duration, takeOver);
            if (!lease.isHeldBy(holder)) {
                LOG.info("config repo {} is written by {} until {}", remote.displayUrl(), lease.holder(), lease.expiresAt());
            }
            return lease;
        } catch (IOException | GitAPIException | JGitInternalException e) {
            throw failure("cannot take the writer lease " + WriterLease.REF + " on " + remote.displayUrl(), e);
        }
    }

    @Override
    public synchronized void releaseLease(String holder) {
        try {
            new LeaseRef(openClone(), REMOTE, credentialsProvider(), options).release(holder);
        } catch (IOException | GitAPIException | JGitInternalException e) {
            throw failure("cannot release the writer lease " + WriterLease.REF + " on " + remote.displayUrl(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (git != null) {
            git.close();
            git = null;
        }
    }

    @Override
    public String toString() {
        return "GitConfigRepository[" + remote.displayUrl() + " branch " + location.branch() + " in " + workTree + "]";
    }

    private record Published(String commitId, List<ChangedFile> changes) {
    }

    // ---- clone ---------------------------------------------------------------------------------

    /** Opens the earlier clone, or initialises an empty one; fetching fills it. */
    private Git openClone() {
        if (git != null) {
            return git;
        }
        try {
            Path dotGit = workTree.resolve(Constants.DOT_GIT);
            Git opened;
            if (Files.isDirectory(dotGit)) {
                removeStaleLocks(dotGit);
                opened = Git.open(workTree.toFile());
            } else {
                if (Files.exists(workTree) && !isEmptyDirectory(workTree)) {
                    throw new GitStoreException("work directory " + workTree + " for config repo " + remote.displayUrl()
                            + " is not empty and not a git clone; empty it or choose another directory");
                }
                Files.createDirectories(workTree);
                opened = Git.init().setDirectory(workTree.toFile()).setInitialBranch(location.branch()).call();
            }
            configure(opened.getRepository());
            git = opened;
            return git;
        } catch (IOException | GitAPIException | JGitInternalException e) {
            throw failure("cannot open the working clone in " + workTree, e);
        }
    }

    /** Points the clone at the configured remote and branch, and pins settings that change content. */
    private void configure(Repository repository) throws IOException {
        StoredConfig config = repository.getConfig();
        config.setString(ConfigConstants.CONFIG_REMOTE_SECTION, REMOTE, ConfigConstants.CONFIG_KEY_URL, remote.connectUrl());
        config.setString(ConfigConstants.CONFIG_REMOTE_SECTION, REMOTE, "fetch",
                "+" + localBranchRef + ":" + trackingRef);
        // a user's global git config must not rewrite line endings or sign our commits
        config.setString(ConfigConstants.CONFIG_CORE_SECTION, null, ConfigConstants.CONFIG_KEY_AUTOCRLF, "false");
        config.setBoolean(ConfigConstants.CONFIG_COMMIT_SECTION, null, ConfigConstants.CONFIG_KEY_GPGSIGN, false);
        config.save();
    }

    /** A crash can leave lock files behind; this engine is the clone's only user, so they are stale. */
    private void removeStaleLocks(Path dotGit) throws IOException {
        for (Path lock : List.of(dotGit.resolve("index.lock"), dotGit.resolve("HEAD.lock"),
                dotGit.resolve(localBranchRef + ".lock"), dotGit.resolve(trackingRef + ".lock"))) {
            if (Files.deleteIfExists(lock)) {
                LOG.warn("removed stale lock {} left by an earlier run", lock);
            }
        }
    }

    private static boolean isEmptyDirectory(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        }
    }

    // ---- fetch and reset -----------------------------------------------------------------------

    /** Fetches the branch with bounded retries on network failures; returns the remote head. */
    private ObjectId fetch(Git clone) {
        RetryPolicy policy = options.networkRetry();
        for (int attempt = 1; ; attempt++) {
            try {
                clone.fetch().setRemote(REMOTE).setRefSpecs(new RefSpec("+" + localBranchRef + ":" + trackingRef))
                        .setTimeout(options.networkTimeoutSeconds())
                        .setCredentialsProvider(credentialsProvider())
                        .setTransportConfigCallback(options.network().callback())
                        .call();
                break;
            } catch (GitAPIException | JGitInternalException e) {
                if (String.valueOf(e.getMessage()).contains("available for fetch")) {
                    throw missingBranch();
                }
                if (!isTransient(e) || attempt >= policy.maxAttempts()) {
                    throw failure("cannot fetch branch " + location.branch() + " from " + remote.displayUrl()
                            + (attempt > 1 ? " after " + attempt + " attempts" : ""), e);
                }
                LOG.warn("fetch from {} failed (attempt {}/{}): {}", remote.displayUrl(), attempt, policy.maxAttempts(),
                        redactor.reason(e));
                pause(policy, attempt);
            }
        }
        ObjectId head = resolve(clone, trackingRef);
        if (head == null) {
            throw missingBranch();
        }
        return head;
    }

    private boolean isOnBranch(Git clone) {
        try {
            return localBranchRef.equals(clone.getRepository().getFullBranch());
        } catch (IOException e) {
            return false;
        }
    }

    private GitStoreException missingBranch() {
        return new GitStoreException("config repo " + remote.displayUrl() + " has no branch '" + location.branch()
                + "'; create it with at least image-factory.yaml, or configure the right branch");
    }

    /** Makes the local branch, index and work tree exactly the given commit, leftovers removed. */
    private void resetTo(Git clone, ObjectId commit) {
        try {
            Repository repository = clone.getRepository();
            RefUpdate branch = repository.updateRef(localBranchRef);
            branch.setNewObjectId(commit);
            branch.setForceUpdate(true);
            requireUpdated(branch.update(), localBranchRef);
            if (!localBranchRef.equals(repository.getFullBranch())) {
                requireUpdated(repository.updateRef(Constants.HEAD).link(localBranchRef), Constants.HEAD);
            }
            clone.reset().setMode(ResetType.HARD).setRef(commit.name()).call();
            // ignored files too: the config repo's content is exactly what the remote holds
            clone.clean().setCleanDirectories(true).setIgnore(false).setForce(true).call();
        } catch (IOException | GitAPIException | JGitInternalException e) {
            throw failure("cannot reset the working clone " + workTree + " to " + commit.name(), e);
        }
    }

    private static void requireUpdated(RefUpdate.Result result, String ref) {
        switch (result) {
            case NEW, FORCED, FAST_FORWARD, NO_CHANGE -> {
            }
            default -> throw new GitStoreException("cannot update " + ref + " in the working clone: " + result);
        }
    }

    /** Drops commits a failed earlier publish left on the local branch, so they are not pushed blind. */
    private void startFromTrackedHead(Git clone) {
        ObjectId tracked = resolve(clone, trackingRef);
        if (tracked == null) {
            refresh();
            return;
        }
        ObjectId head = resolve(clone, Constants.HEAD);
        if (!tracked.equals(head)) {
            LOG.warn("local branch {} is at {} but {} is at {}; resetting before publishing", location.branch(),
                    head == null ? "nothing" : head.name(), trackingRef, tracked.name());
            resetTo(clone, tracked);
        }
    }

    // ---- write, stage, commit, push ------------------------------------------------------------

    private void runWriter(WorkTreeWriter writer, int attempt) {
        try {
            writer.write(workTree);
        } catch (IOException | RuntimeException e) {
            throw new GitStoreException("writing state into " + workTree + " failed (publish attempt " + attempt + "): "
                    + e.getMessage(), e);
        }
    }

    /** Stages every change under the publish paths and commits it; empty when the tree did not change. */
    private Optional<RevCommit> stageAndCommit(Git clone, ObjectId parent, CommitMessage message) {
        try {
            WorkTreeChanges changes = WorkTreeChanges.scan(clone.getRepository());
            List<String> outside = changes.outside(options.publishPaths());
            if (!outside.isEmpty()) {
                throw new GitStoreException("the writer changed " + outside.size() + " file(s) outside the publish paths "
                        + options.publishPaths() + ", which the system does not own: "
                        + outside.subList(0, Math.min(outside.size(), 10))
                        + "; nothing was committed");
            }
            if (changes.touched().isEmpty()) {
                return Optional.empty();
            }
            PersonIdent ident = new PersonIdent(options.identity().name(), options.identity().email(),
                    options.clock().instant(), options.clock().getZone());
            return IndexCommitter.commit(clone.getRepository(), changes, parent, ident, message.render());
        } catch (IOException | JGitInternalException e) {
            throw failure("cannot commit the changes in " + workTree, e);
        }
    }

    private PushOutcome push(Git clone) {
        Iterable<PushResult> results;
        try {
            results = clone.push().setRemote(REMOTE).setRefSpecs(new RefSpec(localBranchRef + ":" + localBranchRef))
                    .setTimeout(options.networkTimeoutSeconds())
                    .setCredentialsProvider(credentialsProvider())
                    .setTransportConfigCallback(options.network().callback())
                    .call();
        } catch (GitAPIException | JGitInternalException e) {
            if (isTransient(e)) {
                return new PushOutcome(PushOutcome.Kind.UNCONFIRMED, redactor.reason(e));
            }
            throw failure("cannot push branch " + location.branch() + " to " + remote.displayUrl(), e);
        }
        for (PushResult result : results) {
            RemoteRefUpdate update = result.getRemoteUpdate(localBranchRef);
            if (update != null) {
                return PushOutcome.of(update.getStatus(), redactor.redact(update.getMessage()));
            }
        }
        return new PushOutcome(PushOutcome.Kind.UNCONFIRMED, "the remote did not report on " + localBranchRef);
    }

    // ---- helpers -------------------------------------------------------------------------------

    private UsernamePasswordCredentialsProvider credentialsProvider() {
        return credentials.map(s -> new UsernamePasswordCredentialsProvider(s.username(), s.value())).orElse(null);
    }

    private static ObjectId resolve(Git clone, String ref) {
        try {
            return clone.getRepository().resolve(ref);
        } catch (IOException e) {
            throw new GitStoreException("cannot read " + ref + " in " + clone.getRepository().getDirectory() + ": "
                    + e.getMessage(), e);
        }
    }

    private boolean contains(Git clone, ObjectId head, String commitId) {
        try (RevWalk walk = new RevWalk(clone.getRepository())) {
            ObjectId id = ObjectId.fromString(commitId);
            if (!clone.getRepository().getObjectDatabase().has(id)) {
                return false;
            }
            return walk.isMergedInto(walk.parseCommit(id), walk.parseCommit(head));
        } catch (IOException e) {
            throw failure("cannot compare " + commitId + " with " + head.name(), e);
        }
    }

    private void pause(RetryPolicy policy, int failedAttempt) {
        try {
            policy.withSleeper(options.sleeper()).pauseBefore(failedAttempt + 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitStoreException("interrupted while waiting to retry on " + remote.displayUrl());
        }
    }

    /** Network trouble is worth retrying; a missing repository or refused credentials is not. */
    private static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InvalidRemoteException || t instanceof NoRemoteRepositoryException
                    || t instanceof NotSupportedException) {
                return false;
            }
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("not authorized") || message.contains("authentication")
                    || message.contains("not found") || message.contains("no credentialsprovider")) {
                return false;
            }
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransportException || t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private GitStoreException failure(String what, Throwable cause) {
        return new GitStoreException(what + ": " + redactor.reason(cause), redactor.redact(cause));
    }
}
