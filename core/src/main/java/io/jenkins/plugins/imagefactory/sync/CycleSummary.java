package io.jenkins.plugins.imagefactory.sync;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a cycle did, counted by kind, for the commit message and the CLI's closing line:
 * {@code image-factory: 2 base updates, 1 rebuild queued} with a body listing each item.
 */
public final class CycleSummary {

    private final Map<String, List<String>> items = new LinkedHashMap<>();

    /** Records one item of a kind; {@code kind} is a singular noun phrase such as "base update". */
    public void add(String kind, String item) {
        items.computeIfAbsent(kind, k -> new ArrayList<>()).add(item);
    }

    public int count(String kind) {
        return items.getOrDefault(kind, List.of()).size();
    }

    public List<String> items(String kind) {
        return List.copyOf(items.getOrDefault(kind, List.of()));
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    /** {@code 2 base updates, 1 rebuild queued}, or {@code no changes}. */
    public String headline() {
        if (items.isEmpty()) {
            return "no changes";
        }
        List<String> parts = new ArrayList<>();
        items.forEach((kind, list) -> parts.add(list.size() + " " + plural(kind, list.size())));
        return String.join(", ", parts);
    }

    /** One line per item, {@code kind: item}, for the commit body and the CLI. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        items.forEach((kind, list) -> list.forEach(item -> out.add(kind + ": " + item)));
        return out;
    }

    static String plural(String kind, int n) {
        if (n == 1) {
            return kind;
        }
        // "rebuild queued" -> "rebuilds queued": pluralise the noun, which comes first in a two-word phrase.
        int space = kind.indexOf(' ');
        if (space > 0 && (kind.endsWith("ed") || kind.endsWith("able"))) {
            return kind.substring(0, space) + "s" + kind.substring(space);
        }
        if (kind.endsWith("sh") || kind.endsWith("ch") || kind.endsWith("s") || kind.endsWith("x")) {
            return kind + "es";
        }
        return kind.endsWith("y") ? kind.substring(0, kind.length() - 1) + "ies" : kind + "s";
    }
}
