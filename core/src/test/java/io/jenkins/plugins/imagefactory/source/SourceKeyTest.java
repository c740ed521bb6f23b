package io.jenkins.plugins.imagefactory.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagefactory.config.Source;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceKeyTest {

    private static final String URL = "https://github.com/acme/app.git";
    private static final String COMMIT = "a".repeat(40);

    private static Source source(Map<String, String> args, String target) {
        return new Source(URL, "main", "Dockerfile", ".", args, target);
    }

    @Test
    void sameCommitArgsAndTargetGiveTheSameKeyWhateverTheArgOrder() {
        Map<String, String> ordered = new LinkedHashMap<>();
        ordered.put("A", "1");
        ordered.put("B", "2");
        Map<String, String> reversed = new LinkedHashMap<>();
        reversed.put("B", "2");
        reversed.put("A", "1");

        SourceKey first = SourceKey.of(source(ordered, "runtime"), COMMIT);
        SourceKey second = SourceKey.of(source(reversed, "runtime"), COMMIT);

        assertThat(first).isEqualTo(second);
        assertThat(first.fingerprint()).isEqualTo(second.fingerprint()).hasSize(64);
    }

    @Test
    void aNewCommitOrChangedArgsOrTargetChangeTheFingerprint() {
        String base = SourceKey.of(source(Map.of("A", "1"), null), COMMIT).fingerprint();

        assertThat(SourceKey.of(source(Map.of("A", "1"), null), "b".repeat(40)).fingerprint()).isNotEqualTo(base);
        assertThat(SourceKey.of(source(Map.of("A", "2"), null), COMMIT).fingerprint()).isNotEqualTo(base);
        assertThat(SourceKey.of(source(Map.of("A", "1"), "build"), COMMIT).fingerprint()).isNotEqualTo(base);
        // field boundaries matter: "A"="1B" is not "A1"="B"
        assertThat(SourceKey.of(source(Map.of("A", "1B"), null), COMMIT).fingerprint())
                .isNotEqualTo(SourceKey.of(source(Map.of("A1", "B"), null), COMMIT).fingerprint());
    }

    @Test
    void aReadFileKeysLikeItsEnrollment() {
        SourceFile file = new SourceFile(URL, "main", "Dockerfile", COMMIT, "FROM alpine\n");

        assertThat(SourceKey.of(file, Map.of("A", "1"), "")).isEqualTo(SourceKey.of(source(Map.of("A", "1"), null), COMMIT));
    }

    @Test
    void showsArgNamesButNotTheirValues() {
        assertThat(SourceKey.of(source(Map.of("NPM_TOKEN", "npm_secret"), null), COMMIT).toString())
                .contains("NPM_TOKEN").doesNotContain("npm_secret");
    }
}
