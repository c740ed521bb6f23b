package io.jenkins.plugins.imagefactory.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Dockerfile cases in {@code src/test/resources/dockerfile/*.txt}: each a Dockerfile with
 * optional build args and target, and either the dependencies found (one line each:
 * {@code ref INSTRUCTION stage [primary] [pinned] [unreachable]}) or the error with its line.
 * The files are by topic: general cases, substitution, stages, instructions, reading the file.
 */
class DockerfileAnalyzerTest {

    static final List<String> FILES = List.of("cases.txt", "substitution.txt", "stages.txt", "instructions.txt",
            "reading.txt");

    record Case(String name, Map<String, String> args, String target, String dockerfile, List<String> expect,
                String error) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        for (String file : FILES) {
            cases.addAll(casesIn(file));
        }
        return cases.stream();
    }

    private static List<Case> casesIn(String file) throws IOException {
        String text;
        try (InputStream in = DockerfileAnalyzerTest.class.getResourceAsStream("/dockerfile/" + file)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Case> cases = new ArrayList<>();
        for (String block : text.split("(?m)^### ")) {
            if (!block.contains("\n--- dockerfile\n")) {
                continue; // the file's opening comment
            }
            String[] lines = block.split("\n", -1);
            String name = lines[0].strip();
            Map<String, String> args = new LinkedHashMap<>();
            String target = null;
            StringBuilder dockerfile = new StringBuilder();
            List<String> expect = new ArrayList<>();
            String error = null;
            String section = "header";
            for (int i = 1; i < lines.length; i++) {
                String line = lines[i];
                if (line.equals("--- dockerfile") || line.equals("--- expect") || line.equals("--- error")) {
                    section = line.substring(4);
                    continue;
                }
                switch (section) {
                    case "header" -> {
                        if (line.startsWith("args: ")) {
                            for (String pair : line.substring(6).split(",\\s*")) {
                                int equals = pair.indexOf('=');
                                args.put(pair.substring(0, equals), pair.substring(equals + 1));
                            }
                        } else if (line.startsWith("target: ")) {
                            target = line.substring(8).strip();
                        }
                    }
                    case "dockerfile" -> dockerfile.append(line.replace("\\r", "\r")).append('\n');
                    case "expect" -> {
                        if (!line.isBlank()) {
                            expect.add(line.strip());
                        }
                    }
                    default -> {
                        if (!line.isBlank()) {
                            error = line.strip();
                        }
                    }
                }
            }
            String body = dockerfile.toString();
            cases.add(new Case(file + ": " + name, args, target,
                    body.endsWith("\n\n") ? body.substring(0, body.length() - 1) : body, expect, error));
        }
        return cases;
    }

    static String describe(Dependency dependency) {
        StringBuilder out = new StringBuilder(dependency.ref().canonical()).append(' ')
                .append(dependency.instruction().name()).append(' ').append(dependency.stage());
        if (dependency.primary()) {
            out.append(" primary");
        }
        if (dependency.pinned()) {
            out.append(" pinned");
        }
        if (!dependency.reachable()) {
            out.append(" unreachable");
        }
        return out.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void analyses(Case c) throws DockerfileException {
        if (c.error() != null) {
            int line = Integer.parseInt(c.error().substring("line ".length(), c.error().indexOf(':')));
            assertThatThrownBy(() -> DockerfileAnalyzer.analyze(c.dockerfile(), c.args(), c.target()))
                    .isInstanceOfSatisfying(DockerfileException.class, e -> assertThat(e.line()).isEqualTo(line))
                    .hasMessageStartingWith(c.error().substring(0, c.error().indexOf(':') + 1))
                    .hasMessageContaining(c.error().substring(c.error().indexOf(':') + 2));
            return;
        }
        DockerfileAnalysis analysis = DockerfileAnalyzer.analyze(c.dockerfile(), c.args(), c.target());
        assertThat(analysis.dependencies()).extracting(DockerfileAnalyzerTest::describe).containsExactlyElementsOf(c.expect());
    }

    @Test
    void everyFileHasCasesAndNoNameIsUsedTwice() throws IOException {
        for (String file : FILES) {
            assertThat(casesIn(file)).as(file).hasSizeGreaterThanOrEqualTo(15);
            assertThat(casesIn(file).stream().filter(c -> c.error() != null)).as(file).isNotEmpty();
        }
        assertThat(cases().map(Case::name)).doesNotHaveDuplicates();
    }

    @Test
    void errorsCarryTheirLine() {
        assertThatThrownBy(() -> DockerfileAnalyzer.analyze("FROM alpine\n\n\nFROM Bad\n", Map.of(), null))
                .isInstanceOfSatisfying(DockerfileException.class, e -> assertThat(e.line()).isEqualTo(4));
    }

    @Test
    void reportsStagesAndTheTarget() throws DockerfileException {
        DockerfileAnalysis analysis = DockerfileAnalyzer.analyze("FROM a AS one\nFROM b\nFROM one AS three\n", Map.of(), "one");
        assertThat(analysis.stages()).containsExactly("one", "1", "three");
        assertThat(analysis.target()).isZero();
        assertThat(analysis.reachable()).extracting(d -> d.ref().canonical()).containsExactly("docker.io/library/a:latest");
        assertThat(analysis.dependencies().get(1).line()).isEqualTo(2);
    }
}
