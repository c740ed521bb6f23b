package io.jenkins.plugins.imagefactory.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The words in {@code src/test/resources/dockerfile/words.txt}, each expanded as BuildKit would or strictly. */
class WordExpanderTest {

    record Row(int line, boolean strict, char escape, String word, String expected) {
        @Override
        public String toString() {
            return "words.txt:" + line + " " + (strict ? "S" : "B") + (escape == '`' ? "`" : "") + " " + word;
        }
    }

    static Stream<Row> rows() throws IOException {
        List<String> lines;
        try (InputStream in = WordExpanderTest.class.getResourceAsStream("/dockerfile/words.txt")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.indexOf(' ');
            String mode = line.substring(0, space);
            int arrow = line.lastIndexOf(" =>");
            String expected = line.substring(arrow + 3).strip();
            rows.add(new Row(i + 1, mode.startsWith("S"), mode.endsWith("`") ? '`' : '\\', line.substring(space + 1, arrow),
                    expected));
        }
        return rows.stream();
    }

    static ArgScope variables() {
        ArgScope scope = new ArgScope();
        scope.declare("TAG", "3.20", 1);
        scope.declare("HOME", "/root", 2);
        scope.declare("EMPTY", "", 3);
        scope.declare("PATHS", "/usr/local/bin:/usr/bin:/bin", 4);
        scope.declare("IMAGE", "ghcr.io/acme/app:1.2.3", 5);
        scope.declare("STARS", "a***b*", 6);
        scope.declare("DECLARED", null, 7);
        scope.declare("SPECIAL", "()[]{}^$.*?|\\x", 8);
        scope.declare("DOLLAR", "cost$0", 9);
        return scope;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void expands(Row row) throws DockerfileException {
        ExpansionBudget budget = new ExpansionBudget();
        WordExpander expander = row.strict() ? WordExpander.strict(row.escape(), budget) : WordExpander.buildKit(row.escape(), budget);
        if (row.expected().startsWith("error: ")) {
            assertThatThrownBy(() -> expander.expand(row.word(), variables(), 42))
                    .isInstanceOfSatisfying(DockerfileException.class, e -> assertThat(e.line()).isEqualTo(42))
                    .hasMessageContaining(row.expected().substring("error: ".length()));
        } else {
            assertThat(expander.expand(row.word(), variables(), 42)).isEqualTo(row.expected());
        }
    }

    @Test
    void theTableCoversBothModesAndErrors() throws IOException {
        assertThat(rows().filter(Row::strict).count()).isGreaterThanOrEqualTo(20);
        assertThat(rows().filter(r -> !r.strict()).count()).isGreaterThanOrEqualTo(100);
        assertThat(rows().filter(r -> r.expected().startsWith("error: ")).count()).isGreaterThanOrEqualTo(30);
    }
}
