package io.jenkins.plugins.imagefactory.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The breaker counts failures since the last success or reset: three in a row open it. */
class RebuildStateBreakerTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    private static BuildRecord failed(Instant requestedAt) {
        return new BuildRecord("k-" + requestedAt.getEpochSecond(), BuildRecord.DISPATCHING, requestedAt, "jane", "CVE-1",
                List.of(), "webhook", null, null, null, null, Boolean.TRUE, null)
                .withOutcome(BuildRecord.FAILED, null, requestedAt.plusSeconds(30), null, "exit 1");
    }

    private static RebuildState state(Instant resetAt, Instant... requested) {
        List<BuildRecord> builds = new ArrayList<>();
        for (Instant at : requested) {
            builds.add(failed(at));
        }
        return new RebuildState("app", Map.of(), null, builds, resetAt);
    }

    /** A request resets the breaker at the instant its first build is requested; that build counts. */
    @Test
    void aRequestsOwnBuildsOpenTheBreakerAfterThreeFailuresNotFour() {
        Instant second = T0.plus(Duration.ofMinutes(5));
        Instant third = T0.plus(Duration.ofMinutes(10));

        assertThat(state(T0, T0, second).consecutiveFailures()).isEqualTo(2);
        assertThat(state(T0, T0, second).breakerOpen()).isFalse();
        assertThat(state(T0, T0, second, third).breakerOpen()).isTrue();
    }

    @Test
    void failuresBeforeTheResetDoNotCount() {
        Instant before = T0.minus(Duration.ofHours(1));

        assertThat(state(T0, before.minusSeconds(60), before, T0).consecutiveFailures()).isEqualTo(1);
        assertThat(state(null, before.minusSeconds(60), before, T0).breakerOpen()).isTrue();
    }
}
