package io.jenkins.plugins.imagefactory.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest(name = "{0} = {1}s")
    @CsvSource({
        "90s, 90", "30m, 1800", "36h, 129600", "7d, 604800", "2w, 1209600", "1d12h, 129600", "0s, 0",
        "P7D, 604800", "PT12H, 43200", "P2W, 1209600", "PT90S, 90", "p1d, 86400", "1w2d3h4m5s, 788645"
    })
    void parses(String text, long seconds) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest
    @ValueSource(strings = {"7", "7 days", "-1d", "1y", "d", "1h1d", "P1M", "P1Y", "PT-1H", "1.5d", "", " "})
    void rejects(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"0s, 0s", "90s, 1m30s", "36h, 1d12h", "7d, 7d", "2w, 14d", "3h20m5s, 3h20m5s"})
    void formatsToWhatItReadsBack(String text, String formatted) {
        Duration duration = Durations.parse(text);
        assertThat(Durations.format(duration)).isEqualTo(formatted);
        assertThat(Durations.parse(formatted)).isEqualTo(duration);
    }
}
