package io.jenkins.plugins.imagefactory.git;

import io.jenkins.plugins.imagefactory.retry.RetryPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagefactory.git.ChangedFile.Change;
import io.jenkins.plugins.imagefactory.secret.Secret;
import io.jenkins.plugins.imagefactory.secret.SecretResolver;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigRepositoryTest {

    private static final Clock FIXED = Clock.fixed(Instant.parse("2025-03-04T05:06:07Z"), ZoneOffset.UTC);
    private static final String EVENTS = "state/events/2025-03.jsonl";

    @TempDir
    Path temp;

    private SeededConfigRemote remote;
    private final List<Duration> sleeps = new ArrayList<>();

    @BeforeEach
    void createRemote() throws Exception {
        remote = SeededConfigRemote.create(temp);
    }

    private GitStoreOptions options() {
        return GitStoreOptions.defaults().withClock(FIXED).withSleeper(sleeps::add)
                .withNetworkRetry(RetryPolicy.of(3, Duration.ofMillis(100), Duration.ofSeconds(1)))
                .withPushRetry(RetryPolicy.of(4, Duration.ofMillis(100), Duration.ofSeconds(1)));
    }

    private ConfigRepository open(String workDir) {
        return ConfigRepository.open(ConfigRepositoryLocation.of(remote.url(), SeededConfigRemote.BRANCH, temp.resolve(workDir)),
                SecretResolver.none(), options());
    }

    private static CommitMessage message() {
        return CommitMessage.builder().count(2, "base update", "base updates").count(1, "rebuild queued", "rebuilds queued")
                .item("docker.io/library/alpine:3.20 sha256:aaa -> sha256:bbb")
                .item("queued ghcr.io/acme/api:latest (delay 3d)")
                .build("state refreshed");
    }

    private static WorkTreeWriter writing(String path, String content) {
        return workTree -> {
            Path file = workTree.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        };
    }

    /** Appends each event line unless the file already has it, as the real event log writer must. */
    private static WorkTreeWriter appendingEvents(AtomicInteger runs, String... lines) {
        return workTree -> {
            runs.incrementAndGet();
            Path file = workTree.resolve(EVENTS);
            Files.createDirectories(file.getParent());
            List<String> existing = Files.exists(file) ? Files.readAllLines(file) : List.of();
            StringBuilder text = new StringBuilder(Files.exists(file) ? Files.readString(file) : "");
            for (String line : lines) {
                if (!existing.contains(line)) {
                    text.append(line).append('\n');
                }
            }
            Files.writeString(file, text);
        };
    }

    @Test
    void firstRefreshClonesAndALaterOnePicksUpAnotherClonesCommit() throws Exception {
        try (ConfigRepository repo = open("work")) {
            Optional<String> first = repo.refresh();
            assertThat(first).contains(remote.headId());
            assertThat(repo.workTree().resolve(SeededConfigRemote.SEED_FILE)).hasContent(SeededConfigRemote.SEED_CONTENT);

            String theirs;
            try (SeededConfigRemote.Clone human = remote.clone("human")) {
                theirs = human.commitAndPush("enroll api", "images/api.yaml", "name: api\n");
            }
            assertThat(repo.refresh()).contains(theirs);
            assertThat(repo.workTree().resolve("images/api.yaml")).hasContent("name: api\n");
        }
        // a new engine process reuses the clone left in the work directory
        try (ConfigRepository again = open("work")) {
            assertThat(again.refresh()).contains(remote.headId());
        }
    }

    @Test
    void publishMakesOneCommitWithTheMessageAndIdentityAndPushesIt() throws Exception {
        String before = remote.headId();
        try (ConfigRepository repo = open("work")) {
            repo.refresh();
            PublishResult result = repo.publish(message(), writing("state/images/docker.io/library/alpine/3.20.yaml", "digest: b\n"));

            assertThat(result).isInstanceOf(PublishResult.Published.class);
            PublishResult.Published published = (PublishResult.Published) result;
            assertThat(published.attempts()).isEqualTo(1);
            assertThat(published.changes()).containsExactly(
                    new ChangedFile("state/images/docker.io/library/alpine/3.20.yaml", Change.ADDED));
            assertThat(remote.headId()).isEqualTo(published.commitId());
            // index and work tree agree with the commit: the next cycle starts clean
            try (Git work = Git.open(repo.workTree().toFile())) {
                assertThat(work.status().call().isClean()).isTrue();
            }
        }
        List<RevCommit> log = remote.log();
        assertThat(log).hasSize(2);
        RevCommit commit = log.get(0);
        assertThat(commit.getParent(0).name()).isEqualTo(before);
        assertThat(commit.getFullMessage()).isEqualTo("""
                image-factory: 2 base updates, 1 rebuild queued

                - docker.io/library/alpine:3.20 sha256:aaa -> sha256:bbb
                - queued ghcr.io/acme/api:latest (delay 3d)
                """);
        assertThat(commit.getAuthorIdent().getName()).isEqualTo("Image Factory");
        assertThat(commit.getAuthorIdent().getEmailAddress()).isEqualTo("image-factory@localhost");
        assertThat(commit.getCommitterIdent().getWhenAsInstant()).isEqualTo(FIXED.instant());
        assertThat(remote.read("state/images/docker.io/library/alpine/3.20.yaml")).isEqualTo("digest: b\n");
    }

    @Test
    void aWriterThatChangesNothingMakesNoCommit() throws Exception {
        try (ConfigRepository repo = open("work")) {
            repo.refresh();
            repo.publish(message(), writing("state/images/a.yaml", "digest: a\n"));
            String head = remote.headId();

            // rewriting the same bytes touches the file but changes no content
            PublishResult same = repo.publish(message(), writing("state/images/a.yaml", "digest: a\n"));
            PublishResult idle = repo.publish(message(), workTree -> { });

            assertThat(same).isEqualTo(new PublishResult.NothingToPublish(head, 1));
            assertThat(idle).isEqualTo(new PublishResult.NothingToPublish(head, 1));
        }
        assertThat(remote.log()).hasSize(2);
    }

    @Test
    void deletionsAndMovesToTheArchiveAreCommitted() throws Exception {
        try (ConfigRepository repo = open("work")) {
            repo.refresh();
            repo.publish(message(), workTree -> {
                writing("state/images/a.yaml", "digest: a\n").write(workTree);
                writing("state/images/b.yaml", "digest: b\n").write(workTree);
            });

            PublishResult result = repo.publish(message(), workTree -> {
                Files.createDirectories(workTree.resolve("state/archive/images"));
                Files.move(workTree.resolve("state/images/a.yaml"), workTree.resolve("state/archive/images/a.yaml"));
                Files.delete(workTree.resolve("state/images/b.yaml"));
            });

            assertThat(((PublishResult.Published) result).changes()).containsExactlyInAnyOrder(
                    new ChangedFile("state/archive/images/a.yaml", Change.ADDED),
                    new ChangedFile("state/images/a.yaml", Change.DELETED),
                    new ChangedFile("state/images/b.yaml", Change.DELETED));
        }
        assertThat(remote.read("state/archive/images/a.yaml")).isEqualTo("digest: a\n");
        assertThat(remote.read("state/images/a.yaml")).isNull();
        assertThat(remote.read("state/images/b.yaml")).isNull();
    }

    @Test
    void aCommitThatLandsBetweenRefreshAndPublishMakesPublishRewriteOnTheNewHead() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        String theirs;
        PublishResult.Published published;
        try (ConfigRepository repo = open("work"); SeededConfigRemote.Clone human = remote.clone("human")) {
            repo.refresh();
            theirs = human.commitAndPush("enroll api", "images/api.yaml", "name: api\n",
                    EVENTS, "{\"event\":\"enrolled\"}\n");

            published = (PublishResult.Published) repo.publish(message(),
                    appendingEvents(runs, "{\"event\":\"update\"}", "{\"event\":\"queued\"}"));
        }

        assertThat(runs).hasValue(2);
        assertThat(published.attempts()).isEqualTo(2);
        assertThat(sleeps).hasSize(1);
        List<RevCommit> log = remote.log();
        assertThat(log.get(0).name()).isEqualTo(published.commitId());
        assertThat(log.get(0).getParent(0).name()).isEqualTo(theirs);
        assertThat(remote.read(EVENTS)).isEqualTo("""
                {"event":"enrolled"}
                {"event":"update"}
                {"event":"queued"}
                """);
        assertThat(published.changes()).containsExactly(new ChangedFile(EVENTS, Change.MODIFIED));
    }

    @Test
    void aRemoteThatKeepsMovingMakesPublishGiveUpAfterTheBoundedAttempts() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        try (ConfigRepository repo = open("work"); SeededConfigRemote.Clone human = remote.clone("human")) {
            repo.refresh();
            WorkTreeWriter losingEveryRace = workTree -> {
                int run = runs.incrementAndGet();
                try {
                    human.commitAndPush("enroll " + run, "images/app" + run + ".yaml", "name: app" + run + "\n");
                } catch (Exception e) {
                    throw new IOException(e);
                }
                writing("state/images/a.yaml", "run: " + run + "\n").write(workTree);
            };

            assertThatThrownBy(() -> repo.publish(message(), losingEveryRace))
                    .isInstanceOf(GitStoreException.class)
                    .hasMessageContaining("could not publish to " + remote.url() + " branch main after 4 attempts")
                    .hasMessageContaining("REJECTED_NONFASTFORWARD");
        }
        assertThat(runs).hasValue(4);
        assertThat(sleeps).hasSize(3);
        assertThat(sleeps.get(2)).isGreaterThan(sleeps.get(0));
        assertThat(remote.read("state/images/a.yaml")).isNull();
    }

    @Test
    void refreshWipesWhatACrashLeftBehind() throws Exception {
        try (ConfigRepository repo = open("work")) {
            repo.refresh();
            repo.publish(message(), writing("state/images/a.yaml", "digest: a\n"));
            Path work = repo.workTree();
            Files.writeString(work.resolve(SeededConfigRemote.SEED_FILE), "half-writ");
            Files.delete(work.resolve("state/images/a.yaml"));
            Files.createDirectories(work.resolve("state/tmp"));
            Files.writeString(work.resolve("state/tmp/partial.yaml.tmp"), "dig");
            Files.writeString(work.resolve("stray.txt"), "x");

            repo.refresh();

            assertThat(work.resolve(SeededConfigRemote.SEED_FILE)).hasContent(SeededConfigRemote.SEED_CONTENT);
            assertThat(work.resolve("state/images/a.yaml")).hasContent("digest: a\n");
            assertThat(work.resolve("state/tmp")).doesNotExist();
            assertThat(work.resolve("stray.txt")).doesNotExist();
        }
    }

    @Test
    void aRefreshWhoseHeadDidNotMoveStillRemovesIgnoredLeftoversAndRestoresEditedFiles() throws Exception {
        try (ConfigRepository repo = open("work")) {
            repo.refresh();
            repo.publish(message(), writing("state/.gitignore", "*.tmp\n"));
            Path work = repo.workTree();
            Files.writeString(work.resolve("state/left.tmp"), "ignored by the repo's own rules");
            repo.refresh();
            assertThat(work.resolve("state/left.tmp")).doesNotExist();

            Files.writeString(work.resolve("state/.gitignore"), "*\n");
            Optional<String> head = repo.refresh();

            assertThat(work.resolve("state/.gitignore")).hasContent("*.tmp\n");
            assertThat(head).contains(remote.headId());
        }
    }

    @Test
    void aPlainDirectoryIsReadInPlaceAndRefusesToPublish() throws Exception {
        Path plain = Files.createDirectories(temp.resolve("plain"));
        Files.writeString(plain.resolve(SeededConfigRemote.SEED_FILE), SeededConfigRemote.SEED_CONTENT);
        try (ConfigRepository repo = ConfigRepository.open(
                ConfigRepositoryLocation.of(plain.toString(), "main", temp.resolve("unused")), SecretResolver.none(), options())) {
            assertThat(repo.isReadOnly()).isTrue();
            assertThat(repo.refresh()).isEmpty();
            assertThat(repo.workTree()).isEqualTo(plain);

            assertThatThrownBy(() -> repo.publish(message(), writing("state/images/a.yaml", "x")))
                    .isInstanceOf(ReadOnlyConfigRepositoryException.class)
                    .hasMessageContaining(plain.toString())
                    .hasMessageContaining("not a git repository")
                    .hasMessageContaining("`sync` needs git");
        }
        assertThat(plain.resolve("state")).doesNotExist();
    }

    @Test
    void anUnreachableRemoteFailsAfterRetriesNamingTheUrlButNoSecret() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "https://robot:url-pa55word@127.0.0.1:" + closedPort + "/acme/config.git";
        SecretResolver secrets = reference -> reference.equals("CONFIG_TOKEN")
                ? Optional.of(Secret.token("ghp_tokenvalue123")) : Optional.empty();
        ConfigRepositoryLocation location = new ConfigRepositoryLocation(url, "main", temp.resolve("work"), "CONFIG_TOKEN");

        try (ConfigRepository repo = ConfigRepository.open(location, secrets, options())) {
            assertThatThrownBy(repo::refresh)
                    .isInstanceOf(GitStoreException.class)
                    .hasMessageContaining("cannot fetch branch main from https://127.0.0.1:" + closedPort + "/acme/config.git after 3 attempts")
                    .satisfies(e -> assertThat(fullTrace(e)).doesNotContain("url-pa55word", "ghp_tokenvalue123", "robot"));
        }
        assertThat(sleeps).hasSize(2);
        assertThat(Files.readString(temp.resolve("work/.git/config"))).doesNotContain("url-pa55word", "robot");
    }

    @Test
    void aMissingBranchOrAnUnknownCredentialsReferenceIsNamed() {
        try (ConfigRepository repo = ConfigRepository.open(
                ConfigRepositoryLocation.of(remote.url(), "trunk", temp.resolve("work")), SecretResolver.none(), options())) {
            assertThatThrownBy(repo::refresh).isInstanceOf(GitStoreException.class)
                    .hasMessageContaining("has no branch 'trunk'");
        }
        assertThatThrownBy(() -> ConfigRepository.open(
                ConfigRepositoryLocation.of(remote.url(), "main", temp.resolve("w2")).withCredentials("GIT_TOKEN"),
                SecretResolver.none(), options()))
                .isInstanceOf(GitStoreException.class)
                .hasMessageContaining("credentials reference 'GIT_TOKEN'")
                .hasMessageContaining("not known to this host");
    }

    @Test
    void aWriterThatTouchesFilesOutsideThePublishPathsFailsWithoutCommitting() throws Exception {
        String head = remote.headId();
        try (ConfigRepository repo = open("work")) {
            repo.refresh();
            assertThatThrownBy(() -> repo.publish(message(), writing("images/sneaky.yaml", "name: x\n")))
                    .isInstanceOf(GitStoreException.class)
                    .hasMessageContaining("outside the publish paths [state, catalog]")
                    .hasMessageContaining("images/sneaky.yaml");
        }
        assertThat(remote.headId()).isEqualTo(head);
    }

    @Test
    void theSameInputsWithAFixedClockGiveTheSameCommit() throws Exception {
        SeededConfigRemote other = SeededConfigRemote.create(Files.createDirectories(temp.resolve("other")));
        List<String> ids = new ArrayList<>();
        for (SeededConfigRemote target : List.of(remote, other)) {
            try (ConfigRepository repo = ConfigRepository.open(
                    ConfigRepositoryLocation.of(target.url(), "main", temp.resolve("work-" + ids.size())),
                    SecretResolver.none(), options())) {
                repo.refresh();
                ids.add(((PublishResult.Published) repo.publish(message(), writing("state/images/a.yaml", "a\n"))).commitId());
            }
        }
        assertThat(ids.get(0)).isEqualTo(ids.get(1));
    }

    @Test
    void aWorkDirectoryHoldingSomethingElseIsNotTouched() throws Exception {
        Path work = Files.createDirectories(temp.resolve("work"));
        Files.writeString(work.resolve("notes.txt"), "mine");
        try (ConfigRepository repo = open("work")) {
            assertThatThrownBy(repo::refresh).isInstanceOf(GitStoreException.class)
                    .hasMessageContaining("is not empty and not a git clone");
        }
        assertThat(work.resolve("notes.txt")).hasContent("mine");
    }

    private static String fullTrace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out + " " + e;
    }
}
