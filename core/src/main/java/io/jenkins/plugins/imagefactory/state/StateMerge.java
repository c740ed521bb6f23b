package io.jenkins.plugins.imagefactory.state;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BinaryOperator;

/**
 * Puts a cycle's changes on top of a head that moved while the cycle computed them. {@code base}
 * is the state the cycle started from, {@code ours} what it computed, {@code theirs} what the
 * remote holds now. Whatever others recorded meanwhile wins — a rebuild request, a breaker reset,
 * a build result (CLI, API, pipeline steps, builders reporting back) — and the cycle's own
 * changes (digests, discoveries, lifecycle, new intents, build progress it observed) are applied
 * where nobody else touched them. Events are not merged: they are appended on the new head.
 */
public final class StateMerge {

    private StateMerge() {
    }

    public static StateSnapshot merge(StateSnapshot base, StateSnapshot ours, StateSnapshot theirs) {
        Map<String, ImageState> images = byKey(base.images(), ours.images(), theirs.images(), (o, t) -> o);
        Map<String, ImageState> archived = byKey(base.archived(), ours.archived(), theirs.archived(), (o, t) -> o);
        Map<String, RebuildState> rebuilds = new TreeMap<>();
        Map<String, RebuildState> archivedRebuilds = new TreeMap<>(
                byKey(base.archivedRebuilds(), ours.archivedRebuilds(), theirs.archivedRebuilds(), (o, t) -> o));
        for (String name : names(base.rebuilds(), ours.rebuilds(), theirs.rebuilds())) {
            RebuildState b = base.rebuilds().get(name);
            RebuildState o = ours.rebuilds().get(name);
            RebuildState t = theirs.rebuilds().get(name);
            if (o == null && t != null && !t.equals(b)) {
                // the cycle archived an enrollment someone reported on meanwhile: archive their version
                archivedRebuilds.merge(name, t, (mine, reported) -> rebuild(b, mine, reported));
                continue;
            }
            RebuildState merged = Objects.equals(o, b) ? t : Objects.equals(t, b) || t == null ? o : rebuild(b, o, t);
            if (merged != null) {
                rebuilds.put(name, merged);
            }
        }
        return new StateSnapshot(images, archived, rebuilds, archivedRebuilds, ours.events());
    }

    /** One enrollment's rebuild state where both sides changed it. */
    static RebuildState rebuild(RebuildState base, RebuildState ours, RebuildState theirs) {
        RebuildState b = base != null ? base : RebuildState.empty(ours.name());
        Map<String, String> builtAgainst = byKey(b.builtAgainst(), ours.builtAgainst(), theirs.builtAgainst(), (o, t) -> t);
        RebuildRequest request = Objects.equals(theirs.request(), b.request()) ? ours.request() : theirs.request();
        var breakerResetAt = Objects.equals(theirs.breakerResetAt(), b.breakerResetAt())
                ? ours.breakerResetAt() : theirs.breakerResetAt();
        return new RebuildState(ours.name(), builtAgainst, request, builds(b.builds(), ours.builds(), theirs.builds()),
                breakerResetAt);
    }

    /** Builds by key, in their order: a record others changed is theirs, one only we changed ours; our new ones last. */
    private static List<BuildRecord> builds(List<BuildRecord> base, List<BuildRecord> ours, List<BuildRecord> theirs) {
        Map<String, BuildRecord> baseByKey = index(base);
        Map<String, BuildRecord> oursByKey = index(ours);
        Map<String, BuildRecord> theirsByKey = index(theirs);
        List<BuildRecord> out = new ArrayList<>();
        for (BuildRecord their : theirs) {
            BuildRecord mine = oursByKey.get(their.key());
            boolean untouchedByThem = their.equals(baseByKey.get(their.key()));
            out.add(untouchedByThem && mine != null ? mine : their);
        }
        for (BuildRecord mine : ours) {
            if (!theirsByKey.containsKey(mine.key())) {
                out.add(mine);
            }
        }
        return out;
    }

    private static Map<String, BuildRecord> index(List<BuildRecord> builds) {
        Map<String, BuildRecord> out = new TreeMap<>();
        builds.forEach(build -> out.put(build.key(), build));
        return out;
    }

    /** Per key: unchanged by us → theirs; unchanged by them → ours; both → {@code conflict(ours, theirs)}. */
    private static <V> Map<String, V> byKey(Map<String, V> base, Map<String, V> ours, Map<String, V> theirs,
                                            BinaryOperator<V> conflict) {
        Map<String, V> out = new TreeMap<>();
        for (String key : names(base, ours, theirs)) {
            V b = base.get(key);
            V o = ours.get(key);
            V t = theirs.get(key);
            V merged = Objects.equals(o, b) ? t : Objects.equals(t, b) ? o
                    : o == null ? null : t == null ? o : conflict.apply(o, t);
            if (merged != null) {
                out.put(key, merged);
            }
        }
        return out;
    }

    private static Set<String> names(Map<String, ?> base, Map<String, ?> ours, Map<String, ?> theirs) {
        Set<String> names = new LinkedHashSet<>(base.keySet());
        names.addAll(ours.keySet());
        names.addAll(theirs.keySet());
        return names;
    }
}
