package io.jenkins.plugins.imagefactory.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagefactory.config.Source;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SourceRequestTest {

    private static final String URL = "https://github.com/acme/app.git";

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
        Dockerfile                 | Dockerfile
        ./Dockerfile               | Dockerfile
        /docker/Dockerfile         | docker/Dockerfile
        docker//api/./Dockerfile   | docker/api/Dockerfile
        docker\\api\\Dockerfile    | docker/api/Dockerfile
        """)
    void normalisesPathsSoOneFileIsOneRequest(String path, String expected) {
        assertThat(new SourceRequest(URL, "main", path).path()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../Dockerfile", "a/../../Dockerfile", ".git/config", ".", " "})
    void refusesPathsOutsideTheTree(String path) {
        assertThatThrownBy(() -> new SourceRequest(URL, "main", path)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("path");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-rf", "a..b", "feature branch", "x:y", "release/"})
    void refusesInvalidBranchNames(String branch) {
        assertThatThrownBy(() -> new SourceRequest(URL, branch, "Dockerfile"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'" + branch + "'");
    }

    @Test
    void acceptsFullBranchRefsAndSlashes() {
        assertThat(new SourceRequest(URL, "refs/heads/release/1.x", "Dockerfile").branch()).isEqualTo("release/1.x");
    }

    @Test
    void appliesTheConfigDefaultsForAnEnrollmentSource() {
        Source source = new Source(URL, null, null, ".", Map.of(), null);

        assertThat(SourceRequest.of(source)).isEqualTo(new SourceRequest(URL, "main", "Dockerfile"));
    }
}
