package io.jenkins.plugins.imagefactory.status;

import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.status.StatusView.ImageRow;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Images and what they build on as a picture: a server-rendered SVG (no script, nothing fetched),
 * bases on the left, each image one column right of the latest base it builds on, arrows from a
 * base to the images built on it. Each box is coloured by where the image stands and links to its
 * page. Both hosts embed the same markup; only the links differ.
 */
public final class DependencyPicture {

    /** Beyond this many images a picture is a wall of boxes; the table says it better. */
    public static final int MAX_NODES = 300;

    static final int NODE_WIDTH = 210;
    static final int NODE_HEIGHT = 34;
    static final int COLUMN_GAP = 56;
    static final int ROW_GAP = 12;
    static final int PAD = 8;
    static final int LABEL_CHARS = 30;

    private static final String STYLE = ".node rect{stroke:#555;stroke-width:1;rx:6}.node text{font:12px system-ui,sans-serif;"
            + "fill:#111}.node.ok rect{fill:#e6f4ea}.node.base rect{fill:#f1f3f4}.node.pending rect{fill:#fff4d6}"
            + ".node.running rect{fill:#e3edfd}.node.failing rect{fill:#fde2e1;stroke:#c62828}.node.focus rect{stroke-width:3}"
            + ".edge{fill:none;stroke:#888;stroke-width:1.2}";

    private DependencyPicture() {
    }

    /** Every tracked image, or {@code null} when there are more than {@link #MAX_NODES}. */
    public static String estate(List<ImageRow> rows, Function<ImageRow, String> href) {
        return rows.size() > MAX_NODES ? null : render(rows, null, href, "Every tracked image and what it builds on");
    }

    /**
     * The image {@code ref}, every image it builds on (and what those build on) and every image
     * built on it, however indirectly.
     */
    public static String around(List<ImageRow> rows, String ref, Function<ImageRow, String> href) {
        Map<String, ImageRow> byRef = byRef(rows);
        Map<String, List<String>> parents = parents(rows, byRef);
        Map<String, List<String>> children = new HashMap<>();
        parents.forEach((child, list) -> list.forEach(p -> children.computeIfAbsent(p, k -> new ArrayList<>()).add(child)));
        Set<String> keep = new LinkedHashSet<>();
        keep.add(ref);
        reach(ref, parents, keep);
        reach(ref, children, keep);
        List<ImageRow> subset = rows.stream().filter(r -> keep.contains(r.ref())).toList();
        return subset.size() > MAX_NODES ? null : render(subset, ref, href, "What " + ref + " builds on and what is built on it");
    }

    private static void reach(String start, Map<String, List<String>> next, Set<String> seen) {
        Deque<String> todo = new ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            for (String n : next.getOrDefault(todo.pop(), List.of())) {
                if (seen.add(n)) {
                    todo.push(n);
                }
            }
        }
    }

    private static Map<String, ImageRow> byRef(List<ImageRow> rows) {
        Map<String, ImageRow> out = new LinkedHashMap<>();
        rows.forEach(r -> out.put(r.ref(), r));
        return out;
    }

    /** For each image, the images among {@code rows} it builds on. */
    private static Map<String, List<String>> parents(List<ImageRow> rows, Map<String, ImageRow> byRef) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (ImageRow row : rows) {
            List<String> list = new ArrayList<>();
            for (String base : row.dependencies()) {
                if (byRef.containsKey(base) && !base.equals(row.ref()) && !list.contains(base)) {
                    list.add(base);
                }
            }
            out.put(row.ref(), list);
        }
        return out;
    }

    static String render(List<ImageRow> rows, String focus, Function<ImageRow, String> href, String title) {
        Map<String, ImageRow> byRef = byRef(rows);
        Map<String, List<String>> parents = parents(rows, byRef);
        Map<String, Integer> column = columns(rows, parents);
        int columns = column.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        List<List<String>> layout = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            layout.add(new ArrayList<>());
        }
        Map<String, Double> position = new HashMap<>();
        for (int c = 0; c < columns; c++) {
            int col = c;
            List<String> here = new ArrayList<>(rows.stream().map(ImageRow::ref).filter(r -> column.get(r) == col).toList());
            // Next to the images they build on (fewer crossing arrows), then by name.
            here.sort(Comparator.comparingDouble((String r) -> parents.get(r).stream().mapToDouble(p -> position.getOrDefault(p, 0.0))
                    .average().orElse(0)).thenComparing(r -> label(byRef.get(r))));
            for (int i = 0; i < here.size(); i++) {
                position.put(here.get(i), (double) i);
            }
            layout.get(c).addAll(here);
        }
        int tallest = layout.stream().mapToInt(List::size).max().orElse(0);
        int width = PAD * 2 + columns * NODE_WIDTH + (columns - 1) * COLUMN_GAP;
        int height = PAD * 2 + tallest * NODE_HEIGHT + Math.max(0, tallest - 1) * ROW_GAP;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"dependency-picture\" role=\"img\" viewBox=\"0 0 ")
                .append(width).append(' ').append(height).append("\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" preserveAspectRatio=\"xMinYMin meet\"><title>").append(xml(title))
                .append("</title><style>").append(STYLE).append("</style>")
                .append("<defs><marker id=\"arrow\" viewBox=\"0 0 8 8\" refX=\"8\" refY=\"4\" markerWidth=\"7\" markerHeight=\"7\""
                        + " orient=\"auto\"><path d=\"M0,0 L8,4 L0,8 z\" fill=\"#888\"/></marker></defs>");
        for (ImageRow row : rows) {
            for (String parent : parents.get(row.ref())) {
                double x1 = x(column.get(parent)) + NODE_WIDTH;
                double y1 = y(position.get(parent)) + NODE_HEIGHT / 2.0;
                double x2 = x(column.get(row.ref()));
                double y2 = y(position.get(row.ref())) + NODE_HEIGHT / 2.0;
                double mid = (x1 + x2) / 2;
                svg.append("<path class=\"edge\" data-from=\"").append(xml(parent)).append("\" data-to=\"")
                        .append(xml(row.ref())).append("\" marker-end=\"url(#arrow)\" d=\"M").append(num(x1)).append(',')
                        .append(num(y1)).append(" C").append(num(mid)).append(',').append(num(y1)).append(' ')
                        .append(num(mid)).append(',').append(num(y2)).append(' ').append(num(x2)).append(',')
                        .append(num(y2)).append("\"/>");
            }
        }
        for (ImageRow row : rows) {
            double x = x(column.get(row.ref()));
            double y = y(position.get(row.ref()));
            String link = href.apply(row);
            svg.append("<a href=\"").append(xml(link)).append("\"><g class=\"node ").append(row.standing())
                    .append(row.ref().equals(focus) ? " focus" : "").append("\" data-ref=\"").append(xml(row.ref()))
                    .append("\"><title>").append(xml(row.ref() + (row.rebuildSummary() == null ? "" : "\n" + row.rebuildSummary())
                            + (row.error() == null ? "" : "\nerror: " + row.error()))).append("</title><rect x=\"")
                    .append(num(x)).append("\" y=\"").append(num(y)).append("\" width=\"").append(NODE_WIDTH)
                    .append("\" height=\"").append(NODE_HEIGHT).append("\"/><text x=\"").append(num(x + 8)).append("\" y=\"")
                    .append(num(y + NODE_HEIGHT / 2.0 + 4)).append("\">").append(xml(label(row))).append("</text></g></a>");
        }
        return svg.append("</svg>").toString();
    }

    /** Longest path from an image with no parents among the rows; images in a cycle go one right of the rest. */
    private static Map<String, Integer> columns(List<ImageRow> rows, Map<String, List<String>> parents) {
        Map<String, Integer> column = new HashMap<>();
        Map<String, Integer> waiting = new HashMap<>();
        Map<String, List<String>> children = new HashMap<>();
        for (ImageRow row : rows) {
            waiting.put(row.ref(), parents.get(row.ref()).size());
            parents.get(row.ref()).forEach(p -> children.computeIfAbsent(p, k -> new ArrayList<>()).add(row.ref()));
        }
        Deque<String> ready = new ArrayDeque<>();
        waiting.forEach((ref, count) -> {
            if (count == 0) {
                ready.add(ref);
                column.put(ref, 0);
            }
        });
        while (!ready.isEmpty()) {
            String next = ready.poll();
            for (String child : children.getOrDefault(next, List.of())) {
                column.merge(child, column.get(next) + 1, Math::max);
                if (waiting.merge(child, -1, Integer::sum) == 0) {
                    ready.add(child);
                }
            }
        }
        int beyond = column.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        rows.forEach(row -> column.putIfAbsent(row.ref(), beyond));
        return column;
    }

    /** The enrollment name for a managed image, else the reference as people write it, cut to fit the box. */
    static String label(ImageRow row) {
        if (row.enrollment() != null) {
            return cut(row.enrollment());
        }
        try {
            ImageReference reference = ImageReference.parse(row.ref());
            String familiar = reference.familiar();
            // The end of a reference (its name and tag) tells images apart; the registry host rarely does.
            return cut(familiar.length() <= LABEL_CHARS ? familiar : reference.repository()
                    + (reference.hasTag() ? ":" + reference.tag() : "@" + StatusText.shortDigest(reference.digest())));
        } catch (IllegalArgumentException e) {
            return cut(row.ref());
        }
    }

    private static String cut(String text) {
        return text.length() <= LABEL_CHARS ? text : "…" + text.substring(text.length() - LABEL_CHARS + 1);
    }

    private static double x(int column) {
        return PAD + column * (NODE_WIDTH + COLUMN_GAP);
    }

    private static double y(double row) {
        return PAD + row * (NODE_HEIGHT + ROW_GAP);
    }

    private static String num(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(java.util.Locale.ROOT, "%.1f", value);
    }

    private static String xml(String text) {
        return Markup.escape(text);
    }
}
