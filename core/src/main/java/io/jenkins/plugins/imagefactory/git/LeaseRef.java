package io.jenkins.plugins.imagefactory.git;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.Transport;

/**
 * Reads and compare-and-sets {@link WriterLease#REF} on the remote. The server checks the old
 * value and updates the ref under its lock, so of two instances racing for a free lease exactly
 * one gets it; the other reads who did.
 */
final class LeaseRef {

    private static final String SEEN = "refs/image-factory/seen-writer-lease";
    private static final int MAX_ATTEMPTS = 5;

    private final Git clone;
    private final String remote;
    private final CredentialsProvider credentials;
    private final int timeoutSeconds;
    private final GitStoreOptions options;

    LeaseRef(Git clone, String remote, CredentialsProvider credentials, GitStoreOptions options) {
        this.clone = clone;
        this.remote = remote;
        this.credentials = credentials;
        this.timeoutSeconds = options.networkTimeoutSeconds();
        this.options = options;
    }

    /** The remote's lease and its commit; a ref that says nothing readable counts as free. */
    private record Current(ObjectId id, Optional<WriterLease> lease) {
    }

    WriterLease hold(String holder, Duration duration, Predicate<WriterLease> takeOver) throws IOException, GitAPIException {
        Clock clock = options.clock();
        for (int attempt = 1; ; attempt++) {
            Optional<Current> current = read();
            Optional<WriterLease> existing = current.flatMap(Current::lease);
            if (existing.isPresent() && !existing.get().isHeldBy(holder) && !existing.get().hasExpired(clock.instant())
                    && !takeOver.test(existing.get())) {
                return existing.get();
            }
            WriterLease mine = new WriterLease(holder, clock.instant().plus(duration));
            ObjectId expected = current.map(Current::id).orElse(ObjectId.zeroId());
            if (update(write(mine), expected)) {
                return mine;
            }
            // The ref changed between our read and our update: taken by another instance (the next read
            // says by whom), or released meanwhile (then it is free again). Bounded: a holder that keeps
            // flapping is reported, not chased.
            if (attempt >= MAX_ATTEMPTS) {
                throw new GitStoreException("the writer lease " + WriterLease.REF + " kept changing while taking it ("
                        + attempt + " attempts)");
            }
        }
    }

    void release(String holder) throws IOException, GitAPIException {
        Optional<Current> current = read();
        if (current.isPresent() && current.get().lease().map(lease -> lease.isHeldBy(holder)).orElse(false)) {
            update(null, current.get().id());
        }
    }

    private Optional<Current> read() throws IOException, GitAPIException {
        Optional<ObjectId> id = clone.lsRemote().setRemote(remote).setCredentialsProvider(credentials)
                .setTimeout(timeoutSeconds).call().stream()
                .filter(ref -> ref.getName().equals(WriterLease.REF)).map(Ref::getObjectId).findFirst();
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Repository repository = clone.getRepository();
        if (!repository.getObjectDatabase().has(id.get())) {
            clone.fetch().setRemote(remote).setRefSpecs(new RefSpec("+" + WriterLease.REF + ":" + SEEN))
                    .setCredentialsProvider(credentials).setTimeout(timeoutSeconds).call();
        }
        try (RevWalk walk = new RevWalk(repository)) {
            return Optional.of(new Current(id.get(), WriterLease.parse(walk.parseCommit(id.get()).getFullMessage())));
        } catch (MissingObjectException notACommit) {
            return Optional.of(new Current(id.get(), Optional.empty()));
        }
    }

    /** A parentless commit with an empty tree whose message is the lease. */
    private ObjectId write(WriterLease lease) throws IOException {
        try (ObjectInserter inserter = clone.getRepository().newObjectInserter()) {
            PersonIdent ident = new PersonIdent(options.identity().name(), options.identity().email(),
                    options.clock().instant(), options.clock().getZone());
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(inserter.insert(new TreeFormatter()));
            commit.setAuthor(ident);
            commit.setCommitter(ident);
            commit.setMessage(lease.render());
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            return id;
        }
    }

    private Transport open(Repository repository) throws IOException {
        try {
            return Transport.open(repository, remote);
        } catch (java.net.URISyntaxException e) {
            throw new IOException("the config repo's remote URL cannot be opened", e);
        }
    }

    /** Sets the remote ref to {@code next} (or deletes it for {@code null}) only if it is still {@code expected}. */
    private boolean update(ObjectId next, ObjectId expected) throws IOException, GitAPIException {
        Repository repository = clone.getRepository();
        RemoteRefUpdate update = next == null
                ? new RemoteRefUpdate(repository, (String) null, WriterLease.REF, true, null, expected)
                : new RemoteRefUpdate(repository, (String) null, next, WriterLease.REF, true, null, expected);
        try (Transport transport = open(repository)) {
            transport.setCredentialsProvider(credentials);
            transport.setTimeout(timeoutSeconds);
            PushResult result = transport.push(NullProgressMonitor.INSTANCE, List.of(update));
            RemoteRefUpdate.Status status = result.getRemoteUpdate(WriterLease.REF).getStatus();
            return status == RemoteRefUpdate.Status.OK || status == RemoteRefUpdate.Status.UP_TO_DATE;
        }
    }

}
