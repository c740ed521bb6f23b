package io.jenkins.plugins.imagefactory.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One {@code FROM} and the instructions after it, with what it builds on and reads from. */
final class BuildStage {

    /** An instruction of the stage, checked. */
    record Command(InstructionNode node, InstructionRules.Checked checked) {
    }

    /**
     * An external image the stage uses.
     *
     * @param written as the Dockerfile writes it
     * @param image   after expansion
     */
    record Use(Instruction instruction, String written, String image, int line) {
    }

    /**
     * A stage a {@code COPY --from} or {@code RUN --mount} of this stage reads.
     *
     * @param trigger it comes from an {@code ONBUILD} of the stage this one builds on, which runs first
     */
    record StageSource(Instruction instruction, String written, BuildStage stage, int line, boolean trigger) {
    }

    private final int index;
    private final InstructionNode from;
    private final InstructionRules.Checked checked;
    private final String name;
    private final List<Command> commands = new ArrayList<>();
    private final List<Use> uses = new ArrayList<>();
    private final List<StageSource> stageSources = new ArrayList<>();
    private BuildStage parent;

    BuildStage(int index, InstructionNode from, InstructionRules.Checked checked) {
        this.index = index;
        this.from = from;
        this.checked = checked;
        this.name = from.args().size() == 3 ? from.args().get(2).toLowerCase(Locale.ROOT) : null;
    }

    int index() {
        return index;
    }

    InstructionNode from() {
        return from;
    }

    InstructionRules.Checked checked() {
        return checked;
    }

    /** The {@code AS} name in lower case, or {@code null}. */
    String name() {
        return name;
    }

    /** The name, or the index when unnamed. */
    String label() {
        return name != null ? name : String.valueOf(index);
    }

    void add(InstructionNode node, InstructionRules.Checked nodeChecked) {
        commands.add(new Command(node, nodeChecked));
    }

    List<Command> commands() {
        return commands;
    }

    void buildOn(BuildStage stage) {
        parent = stage;
    }

    /** The earlier stage this one's {@code FROM} names, or {@code null}. */
    BuildStage parent() {
        return parent;
    }

    void use(Use use) {
        uses.add(use);
    }

    List<Use> uses() {
        return uses;
    }

    void read(StageSource source) {
        stageSources.add(source);
    }

    List<StageSource> stageSources() {
        return stageSources;
    }
}
