package io.jenkins.plugins.imagefactory.git;

import java.nio.file.Path;
import java.util.Optional;

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

    @Override
    public void close() {
        // nothing held open
    }

    @Override
    public String toString() {
        return "PlainDirectoryConfigRepository[" + directory + "]";
    }
}
