package io.jenkins.plugins.imagefactory.source;

import io.jenkins.plugins.imagefactory.retry.RetryPolicy;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagefactory.secret.SecretResolver;
import io.jenkins.plugins.imagefactory.testing.git.BareRemote;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitSourceReaderTest {

    @TempDir
    Path temp;

    private final List<Duration> sleeps = new ArrayList<>();
    private Path workDir;
    private GitSourceReader reader;

    @BeforeEach
    void setUp() {
        workDir = temp.resolve("work");
        reader = newReader();
    }

    private GitSourceReader newReader() {
        RetryPolicy quick = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1), sleeps::add, () -> 0.5);
        return new GitSourceReader(workDir, SecretResolver.none(), SourceCredentials.none(), Duration.ofSeconds(5), quick);
    }

    @Test
    void readsDifferentDockerfilesFromTwoBranchesOfOneRepositoryInOneFetch() {
        BareRemote remote = BareRemote.create(temp, "app");
        String mainCommit = remote.commit("main", Map.of("Dockerfile", "FROM alpine:3.20\n"), "main");
        String devCommit = remote.commit("dev", Map.of("Dockerfile", "FROM alpine:edge\n"), "dev");

        SourceRequest main = new SourceRequest(remote.url(), "main", "Dockerfile");
        SourceRequest dev = new SourceRequest(remote.url(), "dev", "Dockerfile");
        SourceSnapshot snapshot = reader.readAll(List.of(main, dev));

        assertThat(file(snapshot, main).text()).isEqualTo("FROM alpine:3.20\n");
        assertThat(file(snapshot, main).commitId()).isEqualTo(mainCommit);
        assertThat(file(snapshot, dev).text()).isEqualTo("FROM alpine:edge\n");
        assertThat(file(snapshot, dev).commitId()).isEqualTo(devCommit);
        assertThat(snapshot.commitOf(remote.url(), "dev")).contains(devCommit);
        assertThat(reader.lastCommit(remote.url(), "main")).contains(mainCommit);
        assertThat(reader.fetchCount()).isEqualTo(1);
    }

    @Test
    void readsEveryDockerfileOfAMonorepoWithOneFetch() {
        BareRemote remote = BareRemote.create(temp, "mono");
        String commit = remote.commit("main", Map.of(
                "services/api/Dockerfile", "FROM eclipse-temurin:21\n",
                "services/web/Dockerfile", "FROM nginx:1.27\n",
                "base/Dockerfile.build", "FROM debian:bookworm\n"), "three images");

        List<SourceRequest> requests = List.of(
                new SourceRequest(remote.url(), "main", "services/api/Dockerfile"),
                new SourceRequest(remote.url(), "main", "./services/web/Dockerfile"),
                new SourceRequest(remote.url(), "main", "base/Dockerfile.build"),
                new SourceRequest(remote.url(), "main", "services/api/Dockerfile"));
        SourceSnapshot snapshot = reader.readAll(requests);

        assertThat(snapshot.failures()).isEmpty();
        assertThat(snapshot.files()).extracting(SourceFile::path)
                .containsExactly("services/api/Dockerfile", "services/web/Dockerfile", "base/Dockerfile.build");
        assertThat(snapshot.files()).extracting(SourceFile::commitId).containsOnly(commit);
        assertThat(snapshot.files()).extracting(SourceFile::text)
                .containsExactly("FROM eclipse-temurin:21\n", "FROM nginx:1.27\n", "FROM debian:bookworm\n");
        assertThat(snapshot.fetches()).isEqualTo(1);
        assertThat(reader.fetchCount()).isEqualTo(1);
    }

    @Test
    void aNewCommitIsSeenInTheNextCycle() {
        BareRemote remote = BareRemote.create(temp, "app");
        String first = remote.commit("main", Map.of("Dockerfile", "FROM alpine:3.19\n"), "first");
        SourceRequest request = new SourceRequest(remote.url(), "main", "Dockerfile");
        assertThat(file(reader.readAll(List.of(request)), request).commitId()).isEqualTo(first);

        String second = remote.commit("main", Map.of("Dockerfile", "FROM alpine:3.20\n"), "bump alpine");
        SourceSnapshot next = reader.readAll(List.of(request));

        assertThat(file(next, request).commitId()).isEqualTo(second).isNotEqualTo(first);
        assertThat(file(next, request).text()).isEqualTo("FROM alpine:3.20\n");
        assertThat(next.fetches()).isEqualTo(1);
        assertThat(reader.fetchCount()).isEqualTo(2);
    }

    @Test
    void aCycleWithoutNewCommitsReportsTheSameCommitWithoutFetching() {
        BareRemote remote = BareRemote.create(temp, "app");
        String commit = remote.commit("main", Map.of("Dockerfile", "FROM alpine:3.20\n"), "first");
        SourceRequest request = new SourceRequest(remote.url(), "main", "Dockerfile");
        reader.readAll(List.of(request));

        SourceSnapshot again = reader.readAll(List.of(request));

        assertThat(file(again, request).commitId()).isEqualTo(commit);
        assertThat(file(again, request).text()).isEqualTo("FROM alpine:3.20\n");
        assertThat(again.fetches()).isZero();
        assertThat(reader.fetchCount()).isEqualTo(1);
    }

    @Test
    void aFileWhoseBranchDidNotMoveFromTheKnownCommitIsNotReadAgain() {
        BareRemote remote = BareRemote.create(temp, "mono");
        String first = remote.commit("main", Map.of("a/Dockerfile", "FROM alpine:3.20\n", "b/Dockerfile", "FROM debian:12\n"),
                "two images");
        SourceRequest a = new SourceRequest(remote.url(), "main", "a/Dockerfile");
        SourceRequest b = new SourceRequest(remote.url(), "main", "b/Dockerfile");

        SourceSnapshot idle = reader.readAll(List.of(a, b), Map.of(a, first));

        assertThat(idle.resultFor(a)).contains(new SourceUnchanged(a, first));
        assertThat(idle.resultFor(a).orElseThrow().isSuccess()).isTrue();
        assertThat(file(idle, b).text()).isEqualTo("FROM debian:12\n");

        String second = remote.commit("main", Map.of("a/Dockerfile", "FROM alpine:3.21\n"), "a moves on");
        SourceSnapshot moved = reader.readAll(List.of(a, b), Map.of(a, first, b, first));

        assertThat(file(moved, a).text()).isEqualTo("FROM alpine:3.21\n");
        assertThat(file(moved, a).commitId()).isEqualTo(second);
        assertThat(file(moved, b).commitId()).isEqualTo(second);
    }

    @Test
    void mirrorsSurviveARestartSoAnUnchangedRepositoryIsNotFetchedAgain() {
        BareRemote remote = BareRemote.create(temp, "app");
        String commit = remote.commit("main", Map.of("Dockerfile", "FROM alpine:3.20\n"), "first");
        SourceRequest request = new SourceRequest(remote.url(), "main", "Dockerfile");
        reader.readAll(List.of(request));

        GitSourceReader restarted = newReader();
        SourceSnapshot snapshot = restarted.readAll(List.of(request));

        assertThat(file(snapshot, request).commitId()).isEqualTo(commit);
        assertThat(restarted.fetchCount()).isZero();
        try (var mirrors = Files.list(workDir.resolve("mirrors"))) {
            assertThat(mirrors.map(p -> p.getFileName().toString())).singleElement()
                    .satisfies(name -> assertThat(name).matches(".*-app-[0-9a-f]{16}"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void fetchesOnlyTheBranchTipNotItsHistory() throws IOException {
        BareRemote remote = BareRemote.create(temp, "app");
        String old = remote.commit("main", Map.of("Dockerfile", "FROM alpine:3.19\n"), "old");
        String tip = remote.commit("main", Map.of("Dockerfile", "FROM alpine:3.20\n"), "new");

        reader.readAll(List.of(new SourceRequest(remote.url(), "main", "Dockerfile")));

        Path mirror;
        try (var mirrors = Files.list(workDir.resolve("mirrors"))) {
            mirror = mirrors.findFirst().orElseThrow();
        }
        try (Repository repository = new FileRepositoryBuilder().setGitDir(mirror.toFile()).setMustExist(true).build()) {
            assertThat(repository.getObjectDatabase().has(ObjectId.fromString(tip))).isTrue();
            assertThat(repository.getObjectDatabase().has(ObjectId.fromString(old))).isFalse();
            assertThat(repository.isBare()).isTrue();
        }
    }

    @Test
    void aLockedMirrorRefFailsLoudlyInsteadOfServingTheOldCommit() throws IOException {
        BareRemote remote = BareRemote.create(temp, "app");
        remote.commit("main", Map.of("Dockerfile", "FROM alpine:3.19\n"), "old");
        SourceRequest request = new SourceRequest(remote.url(), "main", "Dockerfile");
        reader.readAll(List.of(request));
        Path mirror;
        try (var mirrors = Files.list(workDir.resolve("mirrors"))) {
            mirror = mirrors.findFirst().orElseThrow();
        }
        // what a process killed mid-update leaves behind
        Files.writeString(mirror.resolve("refs/heads/main.lock"), "");
        remote.commit("main", Map.of("Dockerfile", "FROM alpine:3.20\n"), "new");

        SourceFailure failure = failure(reader.readAll(List.of(request)), request);

        assertThat(failure.kind()).isEqualTo(SourceFailure.Kind.LOCAL_ERROR);
        assertThat(failure.message()).contains("'main'").contains("LOCK_FAILURE");
    }

    @Test
    void aMissingRepositoryFailsOnlyItsOwnRequests() {
        BareRemote remote = BareRemote.create(temp, "app");
        remote.commit("main", Map.of("Dockerfile", "FROM alpine:3.20\n"), "first");
        SourceRequest good = new SourceRequest(remote.url(), "main", "Dockerfile");
        SourceRequest missing = new SourceRequest("file:///nonexistent/repo.git", "main", "Dockerfile");

        SourceSnapshot snapshot = reader.readAll(List.of(missing, good));

        assertThat(snapshot.resultFor(good)).get().isInstanceOf(SourceFile.class);
        SourceFailure failure = failure(snapshot, missing);
        assertThat(failure.kind()).isEqualTo(SourceFailure.Kind.NO_SUCH_REPOSITORY);
        assertThat(failure.message()).contains("file:///nonexistent/repo.git").contains("no git repository");
        assertThat(sleeps).as("a missing repository is not retried").isEmpty();
    }

    @Test
    void aClosedPortIsRetriedWithBackoffThenFailsOnlyItsOwnRequests() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort + "/acme/app.git";
        BareRemote remote = BareRemote.create(temp, "app");
        remote.commit("main", Map.of("Dockerfile", "FROM alpine:3.20\n"), "first");
        SourceRequest good = new SourceRequest(remote.url(), "main", "Dockerfile");
        SourceRequest unreachable = new SourceRequest(url, "main", "Dockerfile");

        SourceSnapshot snapshot = reader.readAll(List.of(unreachable, good));

        assertThat(snapshot.resultFor(good)).get().isInstanceOf(SourceFile.class);
        SourceFailure failure = failure(snapshot, unreachable);
        assertThat(failure.kind()).isEqualTo(SourceFailure.Kind.UNREACHABLE);
        assertThat(failure.message()).contains("list branches of " + url).contains("could not be reached");
        // three attempts: two waits, the second twice the first (jitter fixed at half)
        assertThat(sleeps).containsExactly(Duration.ofMillis(75), Duration.ofMillis(150));
    }

    @Test
    void aMissingBranchFailsOnlyItsRequestAndNamesTheBranchesThereAre() {
        BareRemote remote = BareRemote.create(temp, "app");
        remote.commit("main", Map.of("Dockerfile", "FROM alpine:3.20\n"), "first");
        SourceRequest good = new SourceRequest(remote.url(), "main", "Dockerfile");
        SourceRequest noBranch = new SourceRequest(remote.url(), "release/1.x", "Dockerfile");

        SourceSnapshot snapshot = reader.readAll(List.of(noBranch, good));

        assertThat(snapshot.resultFor(good)).get().isInstanceOf(SourceFile.class);
        SourceFailure failure = failure(snapshot, noBranch);
        assertThat(failure.kind()).isEqualTo(SourceFailure.Kind.NO_SUCH_BRANCH);
        assertThat(failure.message()).contains("'release/1.x'").contains(remote.url()).contains("branches main");
        assertThat(sleeps).isEmpty();
    }

    @Test
    void aBranchDeletedOnTheRemoteFailsTheNextCycle() {
        BareRemote remote = BareRemote.create(temp, "app");
        remote.commit("main", Map.of("Dockerfile", "FROM alpine:3.20\n"), "first");
        remote.commit("feature", Map.of("Dockerfile", "FROM alpine:edge\n"), "try edge");
        SourceRequest feature = new SourceRequest(remote.url(), "feature", "Dockerfile");
        assertThat(reader.readAll(List.of(feature)).resultFor(feature)).get().isInstanceOf(SourceFile.class);

        remote.deleteBranch("feature");

        assertThat(failure(reader.readAll(List.of(feature)), feature).kind())
                .isEqualTo(SourceFailure.Kind.NO_SUCH_BRANCH);
    }

    @Test
    void aMissingFileFailsOnlyItsRequestAndSaysWhereItLooked() {
        BareRemote remote = BareRemote.create(temp, "app");
        String commit = remote.commit("main", Map.of("Dockerfile", "FROM alpine:3.20\n"), "first");
        SourceRequest good = new SourceRequest(remote.url(), "main", "Dockerfile");
        SourceRequest noFile = new SourceRequest(remote.url(), "main", "docker/Dockerfile.prod");

        SourceSnapshot snapshot = reader.readAll(List.of(noFile, good));

        assertThat(snapshot.resultFor(good)).get().isInstanceOf(SourceFile.class);
        SourceFailure failure = failure(snapshot, noFile);
        assertThat(failure.kind()).isEqualTo(SourceFailure.Kind.NO_SUCH_FILE);
        assertThat(failure.message()).contains("'docker/Dockerfile.prod'").contains("'main'")
                .contains(commit.substring(0, 12));
        assertThat(snapshot.commitOf(remote.url(), "main")).contains(commit);
    }

    @Test
    void aDirectoryIsNotAFile() {
        BareRemote remote = BareRemote.create(temp, "app");
        remote.commit("main", Map.of("images/api/Dockerfile", "FROM alpine\n"), "first");
        SourceRequest directory = new SourceRequest(remote.url(), "main", "images/api");

        SourceFailure failure = failure(reader.readAll(List.of(directory)), directory);

        assertThat(failure.kind()).isEqualTo(SourceFailure.Kind.NOT_A_FILE);
        assertThat(failure.message()).contains("is a directory").contains("images/api/Dockerfile");
    }

    @Test
    void readsFromALocalPathWithoutScheme() {
        BareRemote remote = BareRemote.create(temp, "app");
        String commit = remote.commit("main", Map.of("Dockerfile", "FROM alpine:3.20\n"), "first");
        SourceRequest request = new SourceRequest(remote.dir().toString(), "main", "Dockerfile");

        assertThat(file(reader.readAll(List.of(request)), request).commitId()).isEqualTo(commit);
    }

    @Test
    void sshUrlsAreRejectedWithAClearReasonAndNoNetworkAttempt() {
        SourceRequest scp = new SourceRequest("git@github.com:acme/app.git", "main", "Dockerfile");
        SourceRequest ssh = new SourceRequest("ssh://git@github.com/acme/app.git", "main", "Dockerfile");

        SourceSnapshot snapshot = reader.readAll(List.of(scp, ssh));

        assertThat(snapshot.failures()).hasSize(2).allSatisfy(failure -> {
            assertThat(failure.kind()).isEqualTo(SourceFailure.Kind.UNSUPPORTED_URL);
            assertThat(failure.message()).contains("ssh, which is not supported yet").contains("https");
        });
        assertThat(reader.fetchCount()).isZero();
    }

    @Test
    void aPasswordInTheUrlIsRefusedAndNeverShown() {
        SourceRequest request = new SourceRequest("https://bot:hunter2@git.example.com/acme/app.git", "main",
                "Dockerfile");

        SourceFailure failure = failure(reader.readAll(List.of(request)), request);

        assertThat(failure.kind()).isEqualTo(SourceFailure.Kind.UNSUPPORTED_URL);
        assertThat(failure.message()).contains("https://git.example.com/acme/app.git").doesNotContain("hunter2");
        assertThat(failure.toString()).doesNotContain("hunter2");
        assertThat(workDir.resolve("mirrors")).doesNotExist();
    }

    @Test
    void aHostThatRefusesLocalRepositoriesGivesEachSuchImageAnErrorAndStillReadsTheOthers() {
        BareRemote local = BareRemote.create(temp, "on-disk");
        local.commit("main", Map.of("Dockerfile", "FROM alpine:3.20\n"), "main");
        GitSourceReader refusing = newReader().refusingLocalRepositories("allow them with -Dexample=true");

        SourceRequest byUrl = new SourceRequest(local.url(), "main", "Dockerfile");
        SourceRequest byPath = new SourceRequest(local.dir().toString(), "main", "Dockerfile");
        SourceSnapshot snapshot = refusing.readAll(List.of(byUrl, byPath));

        assertThat(failure(snapshot, byUrl).kind()).isEqualTo(SourceFailure.Kind.UNSUPPORTED_URL);
        assertThat(failure(snapshot, byUrl).message()).contains("on this host's own disk", "allow them with -Dexample=true");
        assertThat(failure(snapshot, byPath).kind()).isEqualTo(SourceFailure.Kind.UNSUPPORTED_URL);
        assertThat(refusing.fetchCount()).isZero();
        assertThat(reader.readAll(List.of(byUrl)).failures()).as("the default reader still reads them").isEmpty();
    }

    private static SourceFile file(SourceSnapshot snapshot, SourceRequest request) {
        SourceResult result = snapshot.resultFor(request).orElseThrow();
        assertThat(result).as("result for %s", request).isInstanceOf(SourceFile.class);
        return (SourceFile) result;
    }

    private static SourceFailure failure(SourceSnapshot snapshot, SourceRequest request) {
        SourceResult result = snapshot.resultFor(request).orElseThrow();
        assertThat(result).as("result for %s", request).isInstanceOf(SourceFailure.class);
        return (SourceFailure) result;
    }
}
