package io.jenkins.plugins.imagefactory.git;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/** A config repo that is just a directory: readable for validate and discover, never written. */
final class PlainDirectoryConfigRepository implements ConfigRepository {

    private final Path directory;

    PlainDirectoryConfigRepository(Path directory) {
        this.directory = directory;
    }

    @Override
    public Path workTree() {
        return directory;
    }

    @Override
    public boolean isReadOnly() {
        return true;
    }

    @Override
    public Optional<String> refresh() {
        return Optional.empty();
    }

    @Override
    public PublishResult publish(CommitMessage message, WorkTreeWriter writer) {
        throw new ReadOnlyConfigRepositoryException(directory);
    }

    /** Nothing is ever written here, so nobody needs the lease: everyone holds it. */
    @Override
    public WriterLease holdLease(String holder, Duration duration, Predicate<WriterLease> takeOver) {
        return new WriterLease(holder, Instant.MAX);
    }

    @Override
    public void releaseLease(String holder) {
        // nothing to give up
    }

    @Override
    public void close() {
        // nothing held open
    }

    @Override
    public String toString() {
        return "PlainDirectoryConfigRepository[" + directory + "]";
    }
}
