package io.jenkins.plugins.imagefactory.dockerfile;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How stages need each other: a stage needs the stage it builds on and the stages it copies or
 * mounts from. Walks are iterative, so a Dockerfile with thousands of stages cannot exhaust the stack.
 */
final class StageGraph {

    private final List<BuildStage> stages;

    StageGraph(List<BuildStage> stages) {
        this.stages = stages;
    }

    /**
     * BuildKit's {@code validateCircularDependency}: copies and mounts (not {@code FROM}, which can
     * only name an earlier stage) that lead back to a stage on the way. Reported at the line of the
     * first copy or mount on the cycle, for every stage whether the target needs it or not.
     */
    void rejectCycles() throws DockerfileException {
        Set<BuildStage> done = new HashSet<>();
        for (BuildStage start : stages) {
            if (done.contains(start)) {
                continue;
            }
            Set<BuildStage> onPath = new HashSet<>();
            Deque<Frame> path = new ArrayDeque<>();
            path.push(new Frame(start));
            onPath.add(start);
            done.add(start);
            while (!path.isEmpty()) {
                Frame frame = path.peek();
                List<BuildStage.StageSource> sources = frame.stage.stageSources();
                if (frame.next >= sources.size()) {
                    onPath.remove(frame.stage);
                    path.pop();
                    continue;
                }
                BuildStage.StageSource source = sources.get(frame.next++);
                if (onPath.contains(source.stage())) {
                    BuildStage.StageSource first = path.peekLast().stage.stageSources().get(path.peekLast().next - 1);
                    throw new DockerfileException(first.line(), "circular dependency detected on stage: " + start.label()
                            + " (" + first.instruction().text() + "=" + first.written() + " leads back to it)");
                }
                if (done.add(source.stage())) {
                    onPath.add(source.stage());
                    path.push(new Frame(source.stage()));
                }
            }
        }
    }

    private static final class Frame {
        final BuildStage stage;
        int next;

        Frame(BuildStage stage) {
            this.stage = stage;
        }
    }

    Set<BuildStage> reachableFrom(BuildStage target) {
        Set<BuildStage> reachable = new HashSet<>();
        addReachable(reachable, target);
        return reachable;
    }

    /** Adds {@code start} and what it needs to {@code reachable}; returns the stages that were not in it. */
    List<BuildStage> addReachable(Set<BuildStage> reachable, BuildStage start) {
        List<BuildStage> added = new ArrayList<>();
        Deque<BuildStage> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            BuildStage next = queue.poll();
            if (!reachable.add(next)) {
                continue;
            }
            added.add(next);
            if (next.parent() != null) {
                queue.add(next.parent());
            }
            queue.addAll(next.stageSources().stream().map(BuildStage.StageSource::stage).toList());
        }
        return added;
    }

    /**
     * BuildKit builds the needed stages in file order, so a needed stage cannot copy or mount from
     * a stage defined after it ({@code testOutOfOrderStage}); a stage nothing needs is never built.
     */
    void rejectLaterSources(Set<BuildStage> reachable) throws DockerfileException {
        for (BuildStage stage : stages) {
            if (!reachable.contains(stage)) {
                continue;
            }
            List<BuildStage.StageSource> inOrder = new ArrayList<>(stage.stageSources());
            inOrder.sort(Comparator.comparing(source -> !source.trigger()));
            for (BuildStage.StageSource source : inOrder) {
                if (source.stage().index() < stage.index()) {
                    continue;
                }
                String verb = source.instruction() == Instruction.COPY_FROM ? "copy" : "mount";
                throw new DockerfileException(source.line(), "cannot " + verb + " from stage \"" + source.written()
                        + "\", it needs to be defined before current stage \"" + stage.label() + "\" (stage "
                        + source.stage().label() + " is defined at line " + source.stage().from().line() + ")");
            }
        }
    }
}
