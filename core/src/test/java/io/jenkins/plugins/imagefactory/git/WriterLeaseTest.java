package io.jenkins.plugins.imagefactory.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagefactory.secret.SecretResolver;
import io.jenkins.plugins.imagefactory.testing.MutableClock;
import io.jenkins.plugins.imagefactory.testing.git.BareRemote;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer lease against a real bare remote: compare-and-set, lapse, take-over, release. */
class WriterLeaseTest {

    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

    @TempDir
    Path temp;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T00:00:00Z"));

    private BareRemote remote() {
        BareRemote remote = BareRemote.create(temp, "config");
        remote.commit(BareRemote.INITIAL_BRANCH, Map.of("image-factory.yaml", "version: 1\n"), "initial");
        return remote;
    }

    private ConfigRepository open(BareRemote remote, String work) {
        return ConfigRepository.open(ConfigRepositoryLocation.of(remote.url(), BareRemote.INITIAL_BRANCH, temp.resolve(work)),
                SecretResolver.none(), GitStoreOptions.defaults().withClock(clock));
    }

    @Test
    void theFirstHolderKeepsItUntilItLapsesOrIsReleased() throws Exception {
        BareRemote remote = remote();
        try (ConfigRepository a = open(remote, "a"); ConfigRepository b = open(remote, "b")) {
            assertThat(a.holdLease("A", TEN_MINUTES, other -> false).holder()).isEqualTo("A");
            WriterLease seenByB = b.holdLease("B", TEN_MINUTES, other -> false);
            assertThat(seenByB.holder()).isEqualTo("A");
            assertThat(seenByB.expiresAt()).isEqualTo(clock.instant().plus(TEN_MINUTES));

            clock.advance(Duration.ofMinutes(5));
            assertThat(a.holdLease("A", TEN_MINUTES, other -> false).expiresAt())
                    .as("renewed").isEqualTo(clock.instant().plus(TEN_MINUTES));
            clock.advance(Duration.ofMinutes(9));
            assertThat(b.holdLease("B", TEN_MINUTES, other -> false).holder()).as("not lapsed yet").isEqualTo("A");
            clock.advance(Duration.ofMinutes(2));
            assertThat(b.holdLease("B", TEN_MINUTES, other -> false).holder()).as("lapsed").isEqualTo("B");

            b.releaseLease("B");
            assertThat(a.holdLease("A", TEN_MINUTES, other -> false).holder()).as("released").isEqualTo("A");
            assertThat(b.holdLease("B", TEN_MINUTES, other -> other.holder().equals("A")).holder())
                    .as("taken over when the host says its holder is gone").isEqualTo("B");
        }
        try (Git git = Git.open(remote.dir().toFile())) {
            assertThat(git.log().call()).as("the lease never touches the branch").hasSize(1);
        }
    }

    @Test
    void ofManyInstancesRacingForAFreeLeaseExactlyOneGetsIt() throws Exception {
        BareRemote remote = remote();
        int instances = 6;
        List<ConfigRepository> repositories = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<WriterLease>> answers = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                ConfigRepository repository = open(remote, "w" + i);
                repositories.add(repository);
                String holder = "W" + i;
                Callable<WriterLease> take = () -> {
                    start.await();
                    return repository.holdLease(holder, TEN_MINUTES, other -> false);
                };
                answers.add(pool.submit(take));
            }
            start.countDown();
            List<String> holders = new ArrayList<>();
            for (Future<WriterLease> answer : answers) {
                holders.add(answer.get().holder());
            }
            assertThat(holders).as("everyone agrees on one holder").containsOnly(holders.get(0));
        } finally {
            pool.shutdownNow();
            repositories.forEach(ConfigRepository::close);
        }
    }
}
