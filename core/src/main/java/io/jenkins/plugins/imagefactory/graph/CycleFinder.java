package io.jenkins.plugins.imagefactory.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Finds loops among managed images with Tarjan's strongly connected components, iteratively (chains can be deep). */
final class CycleFinder {

    private CycleFinder() {
    }

    static List<GraphCycle> find(Map<String, Set<String>> parents) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> lowLink = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new java.util.HashSet<>();
        List<GraphCycle> cycles = new ArrayList<>();
        int[] counter = {0};

        for (String root : new TreeSet<>(parents.keySet())) {
            if (index.containsKey(root)) {
                continue;
            }
            Deque<Frame> work = new ArrayDeque<>();
            work.push(new Frame(root, new ArrayList<>(parents.getOrDefault(root, Set.of())).iterator()));
            index.put(root, counter[0]);
            lowLink.put(root, counter[0]++);
            stack.push(root);
            onStack.add(root);
            while (!work.isEmpty()) {
                Frame frame = work.peek();
                if (frame.next.hasNext()) {
                    String parent = frame.next.next();
                    if (!parents.containsKey(parent)) {
                        continue;
                    }
                    if (!index.containsKey(parent)) {
                        index.put(parent, counter[0]);
                        lowLink.put(parent, counter[0]++);
                        stack.push(parent);
                        onStack.add(parent);
                        work.push(new Frame(parent, new ArrayList<>(parents.getOrDefault(parent, Set.of())).iterator()));
                    } else if (onStack.contains(parent)) {
                        lowLink.put(frame.name, Math.min(lowLink.get(frame.name), index.get(parent)));
                    }
                    continue;
                }
                work.pop();
                if (!work.isEmpty()) {
                    String caller = work.peek().name;
                    lowLink.put(caller, Math.min(lowLink.get(caller), lowLink.get(frame.name)));
                }
                if (lowLink.get(frame.name).equals(index.get(frame.name))) {
                    Set<String> component = new TreeSet<>();
                    String member;
                    do {
                        member = stack.pop();
                        onStack.remove(member);
                        component.add(member);
                    } while (!member.equals(frame.name));
                    boolean selfLoop = parents.getOrDefault(frame.name, Set.of()).contains(frame.name);
                    if (component.size() > 1 || selfLoop) {
                        cycles.add(loopThrough(component, parents));
                    }
                }
            }
        }
        cycles.sort(java.util.Comparator.comparing(c -> c.names().get(0)));
        return List.copyOf(cycles);
    }

    /** One concrete loop inside a strongly connected component, starting at its first name. */
    private static GraphCycle loopThrough(Set<String> component, Map<String, Set<String>> parents) {
        String start = component.iterator().next();
        List<String> path = new ArrayList<>();
        Map<String, Integer> position = new HashMap<>();
        String current = start;
        while (!position.containsKey(current)) {
            position.put(current, path.size());
            path.add(current);
            String next = null;
            for (String parent : parents.getOrDefault(current, Set.of())) {
                if (component.contains(parent)) {
                    next = parent;
                    break;
                }
            }
            current = next;
        }
        List<String> loop = new ArrayList<>(path.subList(position.get(current), path.size()));
        loop.add(current);
        return new GraphCycle(loop);
    }

    private record Frame(String name, java.util.Iterator<String> next) {
    }
}
