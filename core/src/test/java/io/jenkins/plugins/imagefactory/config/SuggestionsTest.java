package io.jenkins.plugins.imagefactory.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    @Test
    void aSlipOfAFewLettersFindsTheNameMeant() {
        List<String> names = List.of("payments-api", "nightly-etl", "python-base", "jre-base");

        assertThat(Suggestions.closest("paymnets-api", names)).hasValue("payments-api");
        assertThat(Suggestions.closest("nightly_etl", names)).hasValue("nightly-etl");
        assertThat(Suggestions.closest("JRE-BASE", names)).hasValue("jre-base");
        assertThat(Suggestions.closest("frontend", names)).isEmpty();
    }

    /** Candidates skipped for their length could never have been near enough: the answer is the one a full comparison gives. */
    @Test
    void candidatesTooLongOrTooShortToBeASlipChangeNothing() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            names.add("team-" + i + "-service" + "x".repeat(i % 13));
        }
        for (String typed : List.of("team-7-servicexxxxxxx", "team-1999-servic", "tema-42-servicexxx", "team-5", "t")) {
            String nearest = null;
            int best = Integer.MAX_VALUE;
            for (String name : names) {
                int distance = Suggestions.distance(typed.toLowerCase(java.util.Locale.ROOT), name);
                if (distance < best) {
                    best = distance;
                    nearest = name;
                }
            }
            int allowed = Math.max(1, Math.min(3, typed.length() / 3));
            assertThat(Suggestions.closest(typed, names)).as(typed)
                    .isEqualTo(best <= allowed ? java.util.Optional.of(nearest) : java.util.Optional.empty());
        }
    }
}
