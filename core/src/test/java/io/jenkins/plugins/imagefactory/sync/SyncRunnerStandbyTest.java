package io.jenkins.plugins.imagefactory.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagefactory.git.ConfigRepository;
import io.jenkins.plugins.imagefactory.git.ConfigRepositoryLocation;
import io.jenkins.plugins.imagefactory.host.StandardPorts;
import io.jenkins.plugins.imagefactory.registry.RegistryEndpoints;
import io.jenkins.plugins.imagefactory.secret.SecretResolver;
import io.jenkins.plugins.imagefactory.testing.git.BareRemote;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host whose cycles stand by because another instance holds the config repo's writer lease is
 * healthy and says so: no failed cycle, no error, and its health names who writes.
 */
class SyncRunnerStandbyTest {

    @TempDir
    Path dir;

    private final List<AutoCloseable> closeAfter = new ArrayList<>();

    @Test
    void aCycleThatStandsByIsNeitherAFailureNorOkEvenWhenAHostCannotShowIt() throws Exception {
        SyncRunner runner = standingBy("version: 1\n", result -> {
            throw new IllegalStateException("a host could not show the cycle");
        });

        assertThat(runner.lastResult()).containsInstanceOf(SyncResult.NotWriter.class);
        assertThat(runner.failures()).isZero();
        assertThat(runner.lastError()).isEmpty();
        RunnerHealth health = runner.health();
        assertThat(health.status()).isEqualTo(RunnerHealth.STANDBY);
        assertThat(health.problems()).isEmpty();
        assertThat(health.standby()).contains("written by controller-a until").contains("wrote and dispatched nothing");
    }

    @Test
    void aStandbyStillSaysWhatIsWrongWithTheConfigItChecked() throws Exception {
        SyncRunner runner = standingBy("version: 1\nregistries:\n  - host: registry.example.com\n"
                + "    credentials: IF_STANDBY_TEST_UNSET_CREDS\n", result -> { });

        RunnerHealth health = runner.health();
        assertThat(runner.lastResult()).containsInstanceOf(SyncResult.NotWriter.class);
        assertThat(health.status()).as("a problem outranks standing by").isEqualTo(RunnerHealth.FAILING);
        assertThat(health.problems()).anySatisfy(problem -> assertThat(problem).contains("IF_STANDBY_TEST_UNSET_CREDS"));
        assertThat(health.standby()).contains("written by controller-a");
    }

    /**
     * A runner on a config repo with {@code settings} whose writer lease "controller-a" holds, after
     * one cycle; closed with the test.
     */
    private SyncRunner standingBy(String settings, Consumer<SyncResult> listener) throws InterruptedException {
        BareRemote config = BareRemote.create(dir, "config");
        config.commit("main", Map.of("image-factory.yaml", settings), "settings");
        ConfigRepository other = open(config, "other");
        ConfigRepository ours = open(config, "ours");
        other.holdLease("controller-a", Duration.ofMinutes(10), lease -> false);
        StandardPorts ports = new StandardPorts(SecretResolver.none(), dir.resolve("engine"), RegistryEndpoints.standard(),
                cfg -> Map.of(), Clock.systemUTC());
        SyncRunner runner = new SyncRunner(() -> new SyncEngine(ours, ports, Clock.systemUTC(), message -> { }), Clock.systemUTC());
        closeAfter.add(runner);
        closeAfter.add(ours);
        closeAfter.add(other);
        runner.onCycle(listener);
        runner.request(Map.of(), "test");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (runner.lastFinished().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return runner;
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : closeAfter) {
            closeable.close();
        }
    }

    private ConfigRepository open(BareRemote remote, String work) {
        return ConfigRepository.open(ConfigRepositoryLocation.of(remote.url(), "main", dir.resolve(work)), SecretResolver.none());
    }
}
