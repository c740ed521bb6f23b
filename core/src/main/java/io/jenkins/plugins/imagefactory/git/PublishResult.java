package io.jenkins.plugins.imagefactory.git;

import java.util.List;

/** What {@link ConfigRepository#publish} did. */
public sealed interface PublishResult {

    /** How many write-commit-push rounds it took (1 unless a push lost a race). */
    int attempts();

    /** One commit reached the remote branch. */
    record Published(String commitId, int attempts, List<ChangedFile> changes) implements PublishResult {
        public Published {
            changes = List.copyOf(changes);
        }
    }

    /** The writer left the work tree as the remote head has it: no commit was made. */
    record NothingToPublish(String headCommitId, int attempts) implements PublishResult {
    }
}
