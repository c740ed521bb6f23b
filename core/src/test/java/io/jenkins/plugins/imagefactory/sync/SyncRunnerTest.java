package io.jenkins.plugins.imagefactory.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SyncRunnerTest {

    @Test
    void anErrorInACycleIsCountedAndReportedNotSwallowed() throws Exception {
        try (SyncRunner runner = new SyncRunner(() -> {
            throw new StackOverflowError("pathological input");
        }, Clock.systemUTC())) {
            runner.request(Map.of(), "test");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (runner.lastFinished().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(runner.failures()).isEqualTo(1);
            assertThat(runner.lastError()).contains("StackOverflowError: pathological input");
            assertThat(runner.lastResult()).isEmpty();

            runner.request(Map.of(), "test again");
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (runner.failures() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(runner.failures()).as("the runner still runs cycles after an Error").isEqualTo(2);
        }
    }
}
