package io.jenkins.plugins.imagefactory.dockerfile;

import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.image.InvalidReferenceException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds the external images a Dockerfile depends on, as BuildKit would resolve them: global
 * {@code ARG}s with defaults overridden by build args, {@code FROM} (with {@code --platform} and
 * {@code AS}), {@code COPY --from} and {@code RUN --mount=…,from=…}; earlier stages and
 * {@code scratch} are internal. Stages the built stage does not need are still reported, marked
 * unreachable. This is Image Factory's Renovate-style "manager": it reads files, it never asks a registry.
 */
public final class DockerfileAnalyzer {

    private static final String SCRATCH = "scratch";
    /** BuildKit's automatic platform args; their values do not matter for finding images. */
    private static final Map<String, String> PLATFORM_ARGS = Map.of(
            "BUILDPLATFORM", "linux/amd64", "BUILDOS", "linux", "BUILDARCH", "amd64", "BUILDVARIANT", "",
            "TARGETPLATFORM", "linux/amd64", "TARGETOS", "linux", "TARGETARCH", "amd64", "TARGETVARIANT", "");

    private DockerfileAnalyzer() {
    }

    /**
     * @param text      the Dockerfile
     * @param buildArgs {@code --build-arg} values; they only apply to declared ARGs, as in BuildKit
     * @param target    the stage to build, or {@code null} for the last one
     */
    public static DockerfileAnalysis analyze(String text, Map<String, String> buildArgs, String target)
            throws DockerfileException {
        DockerfileLexer.Lexed lexed = DockerfileLexer.lex(text);
        return new Run(lexed, buildArgs == null ? Map.of() : buildArgs).analyze(target);
    }

    private static final class Stage {
        final int index;
        final String name;
        final int line;
        final ArgScope args;
        Integer parentStage;
        final Set<Integer> uses = new HashSet<>();

        Stage(int index, String name, int line, ArgScope args) {
            this.index = index;
            this.name = name;
            this.line = line;
            this.args = args;
        }

        String label() {
            return name != null ? name : String.valueOf(index);
        }
    }

    private record Use(ImageReference ref, Instruction instruction, int stage, int line) {
    }

    private static final class Run {
        private final DockerfileLexer.Lexed lexed;
        private final Map<String, String> buildArgs;
        private final ArgScope global = new ArgScope();
        private final List<Stage> stages = new ArrayList<>();
        private final Map<String, Integer> stageByName = new HashMap<>();
        /** Every stage's name, earlier or later: COPY --from and RUN --mount may name a later stage (BuildKit orders them). */
        private final Map<String, Integer> allStageNames = new HashMap<>();
        private int stageCount;
        private final List<Use> uses = new ArrayList<>();

        Run(DockerfileLexer.Lexed lexed, Map<String, String> buildArgs) {
            this.lexed = lexed;
            this.buildArgs = buildArgs;
            PLATFORM_ARGS.forEach((name, value) -> global.declare(name, value, 0));
        }

        DockerfileAnalysis analyze(String target) throws DockerfileException {
            collectStageNames();
            for (LogicalLine line : lexed.instructions()) {
                Stage current = stages.isEmpty() ? null : stages.get(stages.size() - 1);
                switch (line.keyword()) {
                    case "ARG" -> arg(line, current);
                    case "FROM" -> from(line);
                    case "COPY" -> {
                        requireStage(line, current);
                        copy(line, current);
                    }
                    case "RUN" -> {
                        requireStage(line, current);
                        run(line, current);
                    }
                    default -> requireStage(line, current);
                }
            }
            if (stages.isEmpty()) {
                int last = lexed.instructions().isEmpty() ? 1 : lexed.instructions().get(lexed.instructions().size() - 1).line();
                throw new DockerfileException(last, "no FROM instruction: a Dockerfile needs at least one stage");
            }
            int targetIndex = stages.size() - 1;
            if (target != null && !target.isBlank()) {
                Integer byName = stageByName.get(target.toLowerCase(Locale.ROOT));
                if (byName == null) {
                    throw new DockerfileException(stages.get(stages.size() - 1).line, "target stage \"" + target
                            + "\" not found; stages: " + String.join(", ", stages.stream().map(Stage::label).toList()));
                }
                targetIndex = byName;
            }
            rejectStageCycles();
            Set<Integer> reachable = reachableFrom(targetIndex);
            int primaryStage = targetIndex;
            while (stages.get(primaryStage).parentStage != null) {
                primaryStage = stages.get(primaryStage).parentStage;
            }
            List<Dependency> dependencies = new ArrayList<>();
            boolean primaryTaken = false;
            for (Use use : uses) {
                boolean primary = !primaryTaken && use.instruction() == Instruction.FROM && use.stage() == primaryStage;
                primaryTaken |= primary;
                Stage stage = stages.get(use.stage());
                dependencies.add(new Dependency(use.ref(), use.instruction(), stage.label(), stage.index, primary,
                        use.ref().hasDigest(), reachable.contains(use.stage()), use.line()));
            }
            return new DockerfileAnalysis(dependencies, stages.stream().map(Stage::label).toList(), targetIndex);
        }

        private void collectStageNames() {
            int index = 0;
            for (LogicalLine line : lexed.instructions()) {
                if (!line.keyword().equals("FROM")) {
                    continue;
                }
                String[] words = line.arguments().strip().split("\\s+");
                if (words.length >= 2 && words[words.length - 2].equalsIgnoreCase("AS")) {
                    allStageNames.putIfAbsent(words[words.length - 1].toLowerCase(Locale.ROOT), index);
                }
                index++;
            }
            stageCount = index;
        }

        private void requireStage(LogicalLine line, Stage current) throws DockerfileException {
            if (current == null) {
                throw new DockerfileException(line.line(), line.keyword() + " before the first FROM (only ARG may come first)");
            }
        }

        private void arg(LogicalLine line, Stage current) throws DockerfileException {
            for (String declaration : Words.split(line.arguments(), line.line())) {
                int equals = declaration.indexOf('=');
                String name = equals < 0 ? declaration : declaration.substring(0, equals);
                if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw new DockerfileException(line.line(), "invalid ARG name \"" + name + "\"");
                }
                ArgScope scope = current == null ? global : current.args;
                String value;
                if (buildArgs.containsKey(name)) {
                    value = buildArgs.get(name);
                } else if (equals >= 0) {
                    value = scope.expand(Words.unquote(declaration.substring(equals + 1)), lexed.escape(), line.line());
                } else if (current != null && global.isDeclared(name)) {
                    value = global.value(name);
                } else {
                    value = null;
                }
                scope.declare(name, value, line.line());
            }
        }

        private void from(LogicalLine line) throws DockerfileException {
            List<String> words = Words.split(line.arguments(), line.line());
            int i = 0;
            while (i < words.size() && words.get(i).startsWith("--")) {
                String flag = words.get(i);
                if (!flag.startsWith("--platform=")) {
                    throw new DockerfileException(line.line(), "unknown FROM flag " + flag + " (only --platform is allowed)");
                }
                i++;
            }
            if (i >= words.size()) {
                throw new DockerfileException(line.line(), "FROM needs an image");
            }
            String written = words.get(i++);
            String name = null;
            if (i < words.size()) {
                if (words.size() - i != 2 || !words.get(i).equalsIgnoreCase("AS")) {
                    throw new DockerfileException(line.line(), "expected FROM [--platform=…] image [AS name], got \"FROM "
                            + line.arguments() + "\"");
                }
                name = words.get(i + 1).toLowerCase(Locale.ROOT);
                if (!name.matches("[a-z][a-z0-9_.-]*")) {
                    throw new DockerfileException(line.line(), "invalid stage name \"" + words.get(i + 1) + "\"");
                }
            }
            String image = global.expand(written, lexed.escape(), line.line());
            Stage stage = new Stage(stages.size(), name, line.line(), global.copy());
            Integer parent = stageByName.get(image.toLowerCase(Locale.ROOT));
            if (parent != null) {
                stage.parentStage = parent;
            } else if (!image.equalsIgnoreCase(SCRATCH)) {
                uses.add(new Use(reference(image, written, line.line()), Instruction.FROM, stage.index, line.line()));
            }
            stages.add(stage);
            if (name != null) {
                if (stageByName.containsKey(name)) {
                    throw new DockerfileException(line.line(), "duplicate stage name \"" + name + "\"");
                }
                stageByName.put(name, stage.index);
            }
        }

        private void copy(LogicalLine line, Stage current) throws DockerfileException {
            for (String word : Words.leadingFlags(line.arguments())) {
                if (word.startsWith("--from=")) {
                    source(word.substring("--from=".length()), Instruction.COPY_FROM, line, current);
                }
            }
        }

        private void run(LogicalLine line, Stage current) throws DockerfileException {
            for (String word : Words.leadingFlags(line.arguments())) {
                if (word.startsWith("--mount=")) {
                    Map<String, String> mount = new LinkedHashMap<>();
                    for (String option : word.substring("--mount=".length()).split(",")) {
                        int equals = option.indexOf('=');
                        mount.put(Words.unquote(equals < 0 ? option : option.substring(0, equals)).toLowerCase(Locale.ROOT),
                                equals < 0 ? "" : Words.unquote(option.substring(equals + 1)));
                    }
                    String from = mount.get("from");
                    if (from != null && !from.isEmpty()) {
                        source(from, Instruction.RUN_MOUNT, line, current);
                    }
                }
            }
        }

        /** A {@code --from} value: an earlier stage by name or index, or an external image. */
        private void source(String written, Instruction instruction, LogicalLine line, Stage current)
                throws DockerfileException {
            String value = current.args.expand(Words.unquote(written), lexed.escape(), line.line());
            Integer byName = allStageNames.get(value.toLowerCase(Locale.ROOT));
            if (byName == null && value.matches("\\d+")) {
                byName = Integer.parseInt(value);
                if (byName >= stageCount) {
                    throw new DockerfileException(line.line(), instruction.text() + "=" + value + " refers to stage " + value
                            + ", but the Dockerfile has " + stageCount + " stage(s)");
                }
            }
            if (byName != null) {
                if (byName == current.index) {
                    throw new DockerfileException(line.line(), instruction.text() + "=" + value
                            + " refers to its own stage");
                }
                current.uses.add(byName);
                return;
            }
            uses.add(new Use(reference(value, written, line.line()), instruction, current.index, line.line()));
        }

        /** A stage that needs itself through COPY --from / RUN --mount (BuildKit: "circular dependency"). */
        private void rejectStageCycles() throws DockerfileException {
            int[] state = new int[stages.size()];
            for (int start = 0; start < stages.size(); start++) {
                Integer loop = cycleFrom(start, state);
                if (loop != null) {
                    Stage stage = stages.get(loop);
                    throw new DockerfileException(stage.line, "stage " + stage.label()
                            + " depends on itself through COPY --from or RUN --mount (a circular dependency between stages)");
                }
            }
        }

        private Integer cycleFrom(int index, int[] state) {
            if (state[index] == 1) {
                return index;
            }
            if (state[index] == 2) {
                return null;
            }
            state[index] = 1;
            Stage stage = stages.get(index);
            List<Integer> next = new ArrayList<>(stage.uses);
            if (stage.parentStage != null) {
                next.add(stage.parentStage);
            }
            for (int used : next) {
                Integer loop = cycleFrom(used, state);
                if (loop != null) {
                    return loop;
                }
            }
            state[index] = 2;
            return null;
        }

        private Set<Integer> reachableFrom(int target) {
            Set<Integer> seen = new HashSet<>();
            Deque<Integer> queue = new ArrayDeque<>(List.of(target));
            while (!queue.isEmpty()) {
                int next = queue.poll();
                if (!seen.add(next)) {
                    continue;
                }
                Stage stage = stages.get(next);
                if (stage.parentStage != null) {
                    queue.add(stage.parentStage);
                }
                queue.addAll(stage.uses);
            }
            return seen;
        }

        private static ImageReference reference(String image, String written, int line) throws DockerfileException {
            try {
                return ImageReference.parse(image);
            } catch (InvalidReferenceException e) {
                String resolved = image.equals(written) ? "" : " (\"" + written + "\" resolved to \"" + image + "\")";
                throw new DockerfileException(line, e.getMessage() + resolved);
            }
        }
    }
}
