package io.jenkins.plugins.imagefactory.graph;

import io.jenkins.plugins.imagefactory.image.ImageReference;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which managed images build on which references. Nodes are references (tag form); an edge runs
 * from a managed image to each base its reachable stages use. A managed image that another one
 * builds on links the two into a chain. Built afresh every cycle from config and discoveries, so
 * roles are always derived, never stored as truth.
 */
public final class ImageGraph {

    private static final Comparator<ImageReference> BY_CANONICAL = Comparator.comparing(ImageReference::canonical);

    private final Map<String, ManagedImage> images;
    private final Map<ImageReference, String> managedBy;
    private final Map<ImageReference, List<Edge>> usersOf;
    private final Map<String, Set<String>> managedParents;
    private final List<GraphCycle> cycles;
    /** Each image in a loop, with its loop: asked once per image per cycle, so a map, not a scan. */
    private final Map<String, GraphCycle> cycleByName;

    private record Edge(String user, boolean pinned) {
    }

    private ImageGraph(Collection<ManagedImage> managedImages) {
        images = new TreeMap<>();
        managedBy = new HashMap<>();
        usersOf = new HashMap<>();
        for (ManagedImage image : managedImages) {
            if (images.putIfAbsent(image.name(), image) != null) {
                throw new IllegalArgumentException("managed image \"" + image.name() + "\" given twice");
            }
            for (ImageReference reference : image.references()) {
                String other = managedBy.putIfAbsent(reference, image.name());
                if (other != null) {
                    throw new IllegalArgumentException(reference + " is managed by both \"" + other + "\" and \""
                            + image.name() + "\"");
                }
            }
        }
        for (ManagedImage image : images.values()) {
            Map<ImageReference, Boolean> pinnedByNode = new LinkedHashMap<>();
            for (BaseUse base : image.bases()) {
                // A node used both pinned and unpinned is unpinned: some stage follows the tag.
                pinnedByNode.merge(base.node(), base.pinned(), Boolean::logicalAnd);
            }
            pinnedByNode.forEach((node, pinned) ->
                    usersOf.computeIfAbsent(node, n -> new ArrayList<>()).add(new Edge(image.name(), pinned)));
        }
        managedParents = new HashMap<>();
        for (ManagedImage image : images.values()) {
            Set<String> parents = new TreeSet<>();
            for (BaseUse base : image.bases()) {
                String parent = managedBy.get(base.node());
                if (parent != null && !base.pinned()) {
                    parents.add(parent);
                }
            }
            managedParents.put(image.name(), parents);
        }
        cycles = CycleFinder.find(managedParents);
        cycleByName = new HashMap<>();
        for (GraphCycle cycle : cycles) {
            cycle.names().forEach(name -> cycleByName.putIfAbsent(name, cycle));
        }
    }

    public static ImageGraph of(Collection<ManagedImage> managedImages) {
        return new ImageGraph(managedImages);
    }

    /** Every tracked reference: managed ones and every base a managed image uses, sorted. */
    public Set<ImageReference> tracked() {
        Set<ImageReference> all = new TreeSet<>(BY_CANONICAL);
        all.addAll(managedBy.keySet());
        all.addAll(usersOf.keySet());
        return all;
    }

    /**
     * References whose digests are worth checking: managed images (their own pushes complete builds)
     * and bases some image follows by tag. Digest-only references can never change and are left out.
     */
    public Set<ImageReference> watched() {
        Set<ImageReference> out = new TreeSet<>(BY_CANONICAL);
        for (ImageReference reference : tracked()) {
            if (!reference.hasTag()) {
                continue;
            }
            boolean followed = usersOf.getOrDefault(reference, List.of()).stream().anyMatch(e -> !e.pinned());
            if (managedBy.containsKey(reference) || followed) {
                out.add(reference);
            }
        }
        return out;
    }

    public Optional<Role> role(ImageReference reference) {
        boolean managed = managedBy.containsKey(reference);
        boolean base = usersOf.containsKey(reference);
        return managed || base ? Optional.of(Role.of(managed, base)) : Optional.empty();
    }

    /** The enrollment that publishes {@code reference}, if any. */
    public Optional<String> managedBy(ImageReference reference) {
        return Optional.ofNullable(managedBy.get(reference));
    }

    public Optional<ManagedImage> image(String name) {
        return Optional.ofNullable(images.get(name));
    }

    public Collection<ManagedImage> images() {
        return images.values();
    }

    /** Managed images that use {@code reference} directly, pinned or not, by name. */
    public List<Dependent> directDependents(ImageReference reference) {
        return usersOf.getOrDefault(reference, List.of()).stream()
                .map(edge -> new Dependent(edge.user(), edge.pinned(), 1))
                .sorted(Comparator.comparing(Dependent::name))
                .toList();
    }

    /**
     * Every managed image a new digest of {@code reference} reaches, directly or through managed
     * images built on it (Req 2.3); each once, at its shortest depth. Pinned uses stop the walk.
     */
    public List<Dependent> dependents(ImageReference reference) {
        Map<String, Dependent> found = new LinkedHashMap<>();
        Deque<Dependent> queue = new ArrayDeque<>();
        for (Edge edge : usersOf.getOrDefault(reference, List.of())) {
            queue.add(new Dependent(edge.user(), edge.pinned(), 1));
        }
        while (!queue.isEmpty()) {
            Dependent next = queue.poll();
            if (found.containsKey(next.name())) {
                continue;
            }
            found.put(next.name(), next);
            if (next.pinned()) {
                continue;
            }
            for (ImageReference published : images.get(next.name()).references()) {
                for (Edge edge : usersOf.getOrDefault(published, List.of())) {
                    if (!found.containsKey(edge.user())) {
                        queue.add(new Dependent(edge.user(), edge.pinned(), next.depth() + 1));
                    }
                }
            }
        }
        return found.values().stream()
                .sorted(Comparator.comparingInt(Dependent::depth).thenComparing(Dependent::name))
                .toList();
    }

    /** Managed images {@code name} builds on, directly or transitively (by tag, not pinned). */
    public Set<String> ancestors(String name) {
        Set<String> out = new TreeSet<>();
        Deque<String> queue = new ArrayDeque<>(managedParents.getOrDefault(name, Set.of()));
        while (!queue.isEmpty()) {
            String next = queue.poll();
            if (out.add(next)) {
                queue.addAll(managedParents.getOrDefault(next, Set.of()));
            }
        }
        return out;
    }

    /** Managed images {@code name} builds on directly by tag. */
    public Set<String> managedParents(String name) {
        return managedParents.getOrDefault(name, Set.of());
    }

    /**
     * What a new digest of {@code reference} would rebuild, in the order the builds must run:
     * every image after all of its affected managed ancestors, ties by name. Images in a cycle and
     * pinned uses are left out.
     */
    public List<String> impact(ImageReference reference) {
        Set<String> affected = new HashSet<>();
        for (Dependent dependent : dependents(reference)) {
            if (!dependent.pinned()) {
                affected.add(dependent.name());
            }
        }
        cycles.forEach(cycle -> cycle.names().forEach(affected::remove));
        return rebuildOrder(affected);
    }

    /**
     * What a new digest of {@code reference} would rebuild, as steps: every image of a step can build
     * in parallel once the steps before it finished (siblings share a step).
     */
    public List<List<String>> impactSteps(ImageReference reference) {
        return rebuildSteps(impact(reference));
    }

    /** {@code names} grouped into steps: an image's step is one after the latest step of its parents among them. */
    public List<List<String>> rebuildSteps(Collection<String> names) {
        Set<String> subset = new HashSet<>(names);
        Map<String, Integer> step = new HashMap<>();
        List<List<String>> steps = new ArrayList<>();
        for (String name : rebuildOrder(names)) {
            int mine = 0;
            for (String parent : managedParents.getOrDefault(name, Set.of())) {
                if (subset.contains(parent) && !parent.equals(name) && step.containsKey(parent)) {
                    mine = Math.max(mine, step.get(parent) + 1);
                }
            }
            step.put(name, mine);
            while (steps.size() <= mine) {
                steps.add(new ArrayList<>());
            }
            steps.get(mine).add(name);
        }
        return steps.stream().map(List::copyOf).toList();
    }

    /** {@code names} in dependency order: parents before children, ties by name. */
    public List<String> rebuildOrder(Collection<String> names) {
        Set<String> subset = new HashSet<>(names);
        Map<String, Integer> waitingOn = new HashMap<>();
        Map<String, List<String>> children = new HashMap<>();
        for (String name : subset) {
            int count = 0;
            for (String parent : managedParents.getOrDefault(name, Set.of())) {
                if (subset.contains(parent) && !parent.equals(name)) {
                    count++;
                    children.computeIfAbsent(parent, p -> new ArrayList<>()).add(name);
                }
            }
            waitingOn.put(name, count);
        }
        PriorityQueue<String> ready = new PriorityQueue<>();
        waitingOn.forEach((name, count) -> {
            if (count == 0) {
                ready.add(name);
            }
        });
        List<String> order = new ArrayList<>(subset.size());
        while (!ready.isEmpty()) {
            String next = ready.poll();
            order.add(next);
            for (String child : children.getOrDefault(next, List.of())) {
                if (waitingOn.merge(child, -1, Integer::sum) == 0) {
                    ready.add(child);
                }
            }
        }
        return order;
    }

    /** Loops among managed images; each is an error for every image in it. */
    public List<GraphCycle> cycles() {
        return cycles;
    }

    /** The cycle {@code name} is part of, if any. */
    public Optional<GraphCycle> cycleOf(String name) {
        return Optional.ofNullable(cycleByName.get(name));
    }
}
