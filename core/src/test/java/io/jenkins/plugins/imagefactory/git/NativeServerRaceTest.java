package io.jenkins.plugins.imagefactory.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagefactory.retry.RetryPolicy;
import io.jenkins.plugins.imagefactory.secret.SecretResolver;
import io.jenkins.plugins.imagefactory.testing.git.BareRemote;
import io.jenkins.plugins.imagefactory.testing.git.GitDaemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A native git server reports a lost race differently from JGit's own: the ref moved between the
 * advertisement and the update, and receive-pack answers "failed to update ref" (JGit:
 * REJECTED_OTHER_REASON). That is a race and is retried; a hook's or a protected branch's "no" is not.
 */
class NativeServerRaceTest {

    // Moves main once, the way a second writer's push would land while ours is in flight.
    private static final String RACING_WRITER = """
            #!/bin/sh
            cat >/dev/null
            if [ ! -e "$GIT_DIR/raced" ]; then
              touch "$GIT_DIR/raced"
              unset GIT_QUARANTINE_PATH GIT_OBJECT_DIRECTORY GIT_ALTERNATE_OBJECT_DIRECTORIES
              head=$(git rev-parse refs/heads/main)
              other=$(echo "a concurrent writer" | git commit-tree "$head^{tree}" -p "$head")
              git update-ref refs/heads/main "$other"
            fi
            exit 0
            """;

    @TempDir
    Path temp;

    private ConfigRepository open(String url) {
        GitStoreOptions options = GitStoreOptions.defaults().withSleeper(d -> { })
                .withPushRetry(RetryPolicy.of(4, Duration.ofMillis(1), Duration.ofMillis(2)));
        return ConfigRepository.open(ConfigRepositoryLocation.of(url, BareRemote.INITIAL_BRANCH, temp.resolve("work")),
                SecretResolver.none(), options);
    }

    private BareRemote served() {
        BareRemote remote = BareRemote.create(temp.resolve("served"), "config");
        remote.commit(BareRemote.INITIAL_BRANCH, Map.of("image-factory.yaml", "version: 1\n"), "initial");
        return remote;
    }

    @Test
    void aRefThatMovedDuringThePushIsRetriedOnTheNewHead() throws Exception {
        BareRemote remote = served();
        GitDaemon.hook(remote.dir(), "pre-receive", RACING_WRITER);
        try (GitDaemon daemon = GitDaemon.serve(temp.resolve("served"));
             ConfigRepository repository = open(daemon.url("config.git"))) {
            repository.refresh();
            PublishResult result = repository.publish(CommitMessage.of("image-factory: 1 base update", List.of()),
                    tree -> Files.writeString(Files.createDirectories(tree.resolve("state")).resolve("x.yaml"), "x: 1\n"));

            assertThat(result).isInstanceOfSatisfying(PublishResult.Published.class,
                    published -> assertThat(published.attempts()).isEqualTo(2));
            try (Git git = Git.open(remote.dir().toFile())) {
                List<String> messages = new ArrayList<>();
                for (RevCommit commit : git.log().call()) {
                    messages.add(commit.getShortMessage());
                }
                assertThat(messages).containsExactly("image-factory: 1 base update", "a concurrent writer", "initial");
            }
        }
    }

    @Test
    void aHookThatDeclinesIsARefusalNotARace() {
        BareRemote remote = served();
        GitDaemon.hook(remote.dir(), "pre-receive", "#!/bin/sh\ncat >/dev/null\necho 'main is protected'\nexit 1\n");
        try (GitDaemon daemon = GitDaemon.serve(temp.resolve("served"));
             ConfigRepository repository = open(daemon.url("config.git"))) {
            repository.refresh();
            assertThatThrownBy(() -> repository.publish(CommitMessage.of("image-factory: x", List.of()),
                    tree -> Files.writeString(Files.createDirectories(tree.resolve("state")).resolve("x.yaml"), "x: 1\n")))
                    .isInstanceOf(GitStoreException.class).hasMessageContaining("is it protected?");
            assertThat(remote.tip(BareRemote.INITIAL_BRANCH)).isPresent();
        }
    }
}
