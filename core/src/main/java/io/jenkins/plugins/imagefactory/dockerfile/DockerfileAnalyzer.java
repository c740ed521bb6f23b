package io.jenkins.plugins.imagefactory.dockerfile;

import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.image.InvalidReferenceException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds the external images a Dockerfile depends on, as BuildKit would resolve them, in BuildKit's
 * order of steps, so the first fault BuildKit would report is the one reported here: read the file
 * ({@link DockerfileLexer}), check every instruction ({@link InstructionRules}), evaluate the
 * global {@code ARG}s (defaults, or build args for declared ones), expand each {@code FROM} and its
 * {@code --platform}, pick the target, resolve {@code COPY --from} and {@code RUN --mount from=}
 * to stages or images, refuse circular stages, parse every image reference, then walk the stages
 * the target needs in order, refusing a copy or mount from a stage defined later. Earlier stages
 * and {@code scratch} are internal; stages the target does not need are still reported, marked
 * unreachable. This is Image Factory's Renovate-style "manager": it reads files, it never asks a registry.
 */
public final class DockerfileAnalyzer {

    private static final String SCRATCH = "scratch";

    private DockerfileAnalyzer() {
    }

    /**
     * @param text      the Dockerfile
     * @param buildArgs {@code --build-arg} values; they only apply to declared ARGs and BuildKit's platform args
     * @param target    the stage to build, or {@code null} for the last one
     * @throws DockerfileException with the line of the first fault, including a passed {@link ExpansionBudget} limit
     */
    public static DockerfileAnalysis analyze(String text, Map<String, String> buildArgs, String target)
            throws DockerfileException {
        DockerfileLexer.Lexed lexed = DockerfileLexer.lex(text);
        return new Run(lexed, buildArgs == null ? Map.of() : buildArgs,
                target == null || target.isBlank() ? null : target).analyze();
    }

    private static final class Run {
        private final DockerfileLexer.Lexed lexed;
        private final Map<String, String> buildArgs;
        private final String target;
        private final ExpansionBudget budget = new ExpansionBudget();
        private final WordExpander strict;
        private final WordExpander buildKit;
        private final ArgScope global = new ArgScope();
        private final List<InstructionNode> globalArgs = new ArrayList<>();
        private final List<BuildStage> stages = new ArrayList<>();
        /** Stage names as they stand once every FROM is read: a later duplicate wins, as in BuildKit. */
        private final Map<String, BuildStage> byName = new HashMap<>();
        private final Map<BuildStage.Use, ImageReference> references = new IdentityHashMap<>();

        Run(DockerfileLexer.Lexed lexed, Map<String, String> buildArgs, String target) {
            this.lexed = lexed;
            this.buildArgs = buildArgs;
            this.target = target;
            this.strict = WordExpander.strict(lexed.escape(), budget);
            this.buildKit = WordExpander.buildKit(lexed.escape(), budget);
        }

        DockerfileAnalysis analyze() throws DockerfileException {
            readInstructions();
            evaluateGlobalArgs();
            Map<String, BuildStage> definedSoFar = new HashMap<>();
            for (BuildStage stage : stages) {
                expandFrom(stage, definedSoFar);
                if (stage.name() != null) {
                    definedSoFar.put(stage.name(), stage);
                }
            }
            BuildStage built = targetStage();
            for (BuildStage stage : stages) {
                for (BuildStage.Command command : stage.commands()) {
                    resolveSources(stage, command.node(), command.checked(), false);
                }
            }
            StageGraph graph = new StageGraph(stages);
            graph.rejectCycles();
            for (BuildStage stage : stages) {
                parseReferences(stage.uses());
            }
            Set<BuildStage> reachable = graph.reachableFrom(built);
            // Each needed stage runs the ONBUILD triggers of the stage it builds on, once; what they read is needed too.
            Deque<BuildStage> pending = new ArrayDeque<>(stages.stream().filter(reachable::contains).toList());
            while (!pending.isEmpty()) {
                for (BuildStage.StageSource source : runTriggers(pending.poll())) {
                    pending.addAll(graph.addReachable(reachable, source.stage()));
                }
            }
            graph.rejectLaterSources(reachable);
            return result(built, reachable);
        }

        /** BuildKit's {@code instructions.Parse}: every instruction checked, in order, then grouped into stages. */
        private void readInstructions() throws DockerfileException {
            for (InstructionNode node : lexed.instructions()) {
                InstructionRules.Checked checked = InstructionRules.check(node);
                if (stages.isEmpty() && node.name().equals("ARG")) {
                    globalArgs.add(node);
                } else if (node.name().equals("FROM")) {
                    stages.add(new BuildStage(stages.size(), node, checked));
                } else if (stages.isEmpty()) {
                    throw new DockerfileException(node.line(), node.name() + " before the first FROM (only ARG may come first)");
                } else {
                    stages.get(stages.size() - 1).add(node, checked);
                }
            }
            if (stages.isEmpty()) {
                List<InstructionNode> all = lexed.instructions();
                int line = all.isEmpty() ? lexed.lastLine() : all.get(all.size() - 1).line();
                throw new DockerfileException(line, "no FROM instruction: a Dockerfile needs at least one stage");
            }
            for (BuildStage stage : stages) {
                if (stage.name() != null) {
                    byName.put(stage.name(), stage);
                }
            }
        }

        /** BuildKit's {@code buildMetaArgs}, after its platform args (which build args may set too). */
        private void evaluateGlobalArgs() throws DockerfileException {
            Map<String, String> preset = new LinkedHashMap<>();
            preset.put("BUILDPLATFORM", "linux/amd64");
            preset.put("BUILDOS", "linux");
            preset.put("BUILDOSVERSION", "");
            preset.put("BUILDARCH", "amd64");
            preset.put("BUILDVARIANT", "");
            preset.put("TARGETPLATFORM", "linux/amd64");
            preset.put("TARGETOS", "linux");
            preset.put("TARGETOSVERSION", "");
            preset.put("TARGETARCH", "amd64");
            preset.put("TARGETVARIANT", "");
            preset.put("TARGETSTAGE", target == null ? "default" : target);
            preset.forEach((name, value) -> global.preset(name, buildArgs.getOrDefault(name, value)));
            for (InstructionNode node : globalArgs) {
                for (String declaration : node.args()) {
                    int equals = declaration.indexOf('=');
                    String name = equals < 0 ? declaration : declaration.substring(0, equals);
                    String value;
                    if (buildArgs.containsKey(name)) {
                        value = buildArgs.get(name);
                    } else if (equals >= 0) {
                        value = strict.expand(declaration.substring(equals + 1), global, node.line());
                    } else {
                        value = null;
                    }
                    global.declare(name, value, node.line());
                }
            }
        }

        /**
         * The base name and platform with the global ARGs. A base naming a stage defined so far
         * (exactly as expanded; the latest of that name) builds on it, as BuildKit's {@code addState}.
         */
        private void expandFrom(BuildStage stage, Map<String, BuildStage> definedSoFar) throws DockerfileException {
            InstructionNode node = stage.from();
            String written = node.args().get(0);
            String base = strict.expand(written, global, node.line());
            if (base.isEmpty()) {
                throw new DockerfileException(node.line(), "base name (" + written + ") should not be blank");
            }
            String platform = stage.checked().flag("platform");
            if (platform != null && strict.expand(platform, global, node.line()).isEmpty()) {
                throw new DockerfileException(node.line(), "empty platform value from expression " + platform);
            }
            BuildStage parent = definedSoFar.get(base);
            if (parent != null) {
                stage.buildOn(parent);
            } else if (!base.equals(SCRATCH)) {
                stage.use(new BuildStage.Use(Instruction.FROM, written, base, node.line()));
            }
        }

        private BuildStage targetStage() throws DockerfileException {
            if (target == null) {
                return stages.get(stages.size() - 1);
            }
            BuildStage byTarget = byName.get(target.toLowerCase(Locale.ROOT));
            if (byTarget == null) {
                throw new DockerfileException(stages.get(stages.size() - 1).from().line(), "target stage \"" + target
                        + "\" not found; stages: " + String.join(", ", stages.stream().map(BuildStage::label).toList()));
            }
            return byTarget;
        }

        /** The stages or images a COPY --from or RUN --mount reads, as BuildKit's {@code toCommand} finds them. */
        private void resolveSources(BuildStage stage, InstructionNode node, InstructionRules.Checked checked, boolean trigger)
                throws DockerfileException {
            if (node.name().equals("COPY")) {
                String from = checked.flag("from");
                if (from == null || from.isEmpty()) {
                    return;
                }
                if (!buildKit.expand(from, null, node.line()).equals(from)) {
                    throw new DockerfileException(node.line(), "COPY --from=" + from + ": variable expansion is not supported"
                            + " for --from; define a stage with FROM ${…} AS name (global ARGs work there) and copy from that");
                }
                BuildStage source;
                Integer index = stageIndex(from);
                if (index != null) {
                    if (index < 0 || index >= stages.size()) {
                        throw new DockerfileException(node.line(), "COPY --from=" + from + ": invalid stage index " + index
                                + ", the Dockerfile has " + stages.size() + " stage(s)");
                    }
                    source = stages.get(index);
                } else {
                    source = byName.get(from.toLowerCase(Locale.ROOT));
                }
                addSource(stage, Instruction.COPY_FROM, from, source, node.line(), trigger);
            } else if (node.name().equals("RUN")) {
                for (String from : checked.mountSources()) {
                    addSource(stage, Instruction.RUN_MOUNT, from, byName.get(from.toLowerCase(Locale.ROOT)), node.line(), trigger);
                }
            }
        }

        private void addSource(BuildStage stage, Instruction instruction, String from, BuildStage source, int line,
                               boolean trigger) {
            if (source != null) {
                stage.read(new BuildStage.StageSource(instruction, from, source, line, trigger));
            } else if (!from.equals(SCRATCH)) {
                stage.use(new BuildStage.Use(instruction, from, from, line));
            }
        }

        /**
         * The ONBUILD instructions of the stage this one builds on, which run first in it (BuildKit
         * reads them only for stages the target needs); returns the stages they read.
         */
        private List<BuildStage.StageSource> runTriggers(BuildStage stage) throws DockerfileException {
            BuildStage parent = stage.parent();
            if (parent == null) {
                return List.of();
            }
            int uses = stage.uses().size();
            int sources = stage.stageSources().size();
            for (BuildStage.Command command : parent.commands()) {
                InstructionNode trigger = command.node().onbuild();
                if (trigger != null) {
                    resolveSources(stage, trigger, InstructionRules.check(trigger), true);
                }
            }
            parseReferences(stage.uses().subList(uses, stage.uses().size()));
            return stage.stageSources().subList(sources, stage.stageSources().size());
        }

        /** Go's {@code strconv.Atoi}: an optional sign and decimal digits that fit; anything else is a name. */
        private static Integer stageIndex(String from) {
            if (!from.matches("[+-]?[0-9]+")) {
                return null;
            }
            try {
                return Integer.parseInt(from);
            } catch (NumberFormatException e) {
                return null;
            }
        }

        private void parseReferences(List<BuildStage.Use> uses) throws DockerfileException {
            for (BuildStage.Use use : uses) {
                try {
                    references.put(use, ImageReference.parse(use.image()));
                } catch (InvalidReferenceException e) {
                    String resolved = use.image().equals(use.written()) ? ""
                            : " (\"" + use.written() + "\" resolved to \"" + use.image() + "\")";
                    throw new DockerfileException(use.line(), e.getMessage() + resolved);
                }
            }
        }

        private DockerfileAnalysis result(BuildStage built, Set<BuildStage> reachable) {
            BuildStage primaryStage = built;
            while (primaryStage.parent() != null) {
                primaryStage = primaryStage.parent();
            }
            List<Dependency> dependencies = new ArrayList<>();
            boolean primaryTaken = false;
            for (BuildStage stage : stages) {
                for (BuildStage.Use use : stage.uses()) {
                    ImageReference ref = references.get(use);
                    boolean primary = !primaryTaken && use.instruction() == Instruction.FROM && stage == primaryStage;
                    primaryTaken |= primary;
                    dependencies.add(new Dependency(ref, use.instruction(), stage.label(), stage.index(), primary,
                            ref.hasDigest(), reachable.contains(stage), use.line()));
                }
            }
            return new DockerfileAnalysis(dependencies, stages.stream().map(BuildStage::label).toList(), built.index());
        }
    }
}
