package io.jenkins.plugins.imagefactory.dockerfile;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * BuildKit's parser step for one logical line: the keyword, the leading flags, and the arguments
 * read the way that instruction reads them ({@code parser/line_parsers.go}). What it rejects here
 * BuildKit rejects while reading the file: {@code ENV}/{@code LABEL} without a value or {@code =},
 * and a JSON array of something other than strings. Unknown keywords pass; the instruction step
 * ({@link InstructionRules}) refuses them.
 */
final class LineParser {

    private final char escape;

    LineParser(char escape) {
        this.escape = escape;
    }

    /** The keyword, its flags and where the text after them starts. */
    private record Head(String keyword, String name, List<String> flags, int rest) {
    }

    /** @param text the logical line, continuations joined */
    InstructionNode parse(String text, int line) throws DockerfileException {
        // ONBUILD wraps an instruction, perhaps another ONBUILD (refused later, but read first, as
        // BuildKit reads it): peeled in a loop, so no chain of them can exhaust the stack.
        int limit = text.length();
        while (limit > 0 && Words.isSpace(text.charAt(limit - 1))) {
            limit--;
        }
        Deque<Head> onbuilds = new ArrayDeque<>();
        Head head = head(text, 0, limit);
        while (head.name().equals("ONBUILD") && head.rest() < limit) {
            onbuilds.push(head);
            head = head(text, head.rest(), limit);
        }
        InstructionNode node = body(head, text.substring(head.rest(), limit).strip(), line);
        while (!onbuilds.isEmpty()) {
            Head onbuild = onbuilds.pop();
            List<String> args = new ArrayList<>(List.of(node.keyword()));
            if (node.onbuild() == null) {
                args.addAll(node.args());
            }
            node = new InstructionNode(onbuild.keyword(), onbuild.name(), onbuild.flags(), args, false, node, line);
        }
        return node;
    }

    /** BuildKit's {@code splitCommand} on {@code text} from {@code from} up to {@code limit}. */
    private Head head(String text, int from, int limit) {
        int start = from;
        while (start < limit && Words.isSpace(text.charAt(start))) {
            start++;
        }
        int end = start;
        while (end < limit && !Words.isBlank(text.charAt(end))) {
            end++;
        }
        int after = end;
        while (after < limit && Words.isBlank(text.charAt(after))) {
            after++;
        }
        BuilderFlags flags = end < limit ? BuilderFlags.extract(text, after, limit, escape) : new BuilderFlags(List.of(), limit);
        int rest = flags.rest();
        while (rest < limit && Words.isSpace(text.charAt(rest))) {
            rest++;
        }
        String keyword = text.substring(start, end);
        return new Head(keyword, keyword.toUpperCase(Locale.ROOT), flags.flags(), rest);
    }

    /** @param rest the text after the keyword and flags, trimmed */
    private InstructionNode body(Head head, String rest, int line) throws DockerfileException {
        String keyword = head.keyword();
        String name = head.name();
        List<String> args = new ArrayList<>();
        boolean json = false;
        switch (name) {
            case "ADD", "COPY", "VOLUME" -> {
                List<String> array = json(rest, line);
                json = array != null;
                args.addAll(json ? array : Words.whitespaceSplit(rest));
            }
            case "RUN", "CMD", "ENTRYPOINT", "SHELL" -> {
                List<String> array = rest.isEmpty() ? null : json(rest, line);
                json = array != null;
                if (json) {
                    args.addAll(array);
                } else if (!rest.isEmpty()) {
                    args.add(rest);
                }
            }
            case "HEALTHCHECK" -> {
                int space = 0;
                while (space < rest.length() && !Words.isSpace(rest.charAt(space))) {
                    space++;
                }
                if (space > 0) {
                    args.add(rest.substring(0, space));
                    String command = rest.substring(space).strip();
                    List<String> array = command.isEmpty() ? null : json(command, line);
                    json = array != null;
                    if (json) {
                        args.addAll(array);
                    } else if (!command.isEmpty()) {
                        args.add(command);
                    }
                }
            }
            case "ENV", "LABEL" -> args.addAll(keyValues(rest, name, line));
            case "ARG" -> args.addAll(Words.shellSplit(rest, escape));
            case "FROM", "EXPOSE" -> args.addAll(Words.whitespaceSplit(rest));
            case "MAINTAINER", "STOPSIGNAL", "USER", "WORKDIR" -> {
                if (!rest.isEmpty()) {
                    args.add(rest);
                }
            }
            case "ONBUILD" -> {
                // Only reached without an instruction after it; parse() unwraps the others.
            }
            default -> {
                // BuildKit's parser keeps an unknown instruction without arguments; InstructionRules refuses it.
            }
        }
        return new InstructionNode(keyword, name, head.flags(), args, json, null, line);
    }

    private static List<String> json(String text, int line) throws DockerfileException {
        try {
            return JsonForm.parse(text);
        } catch (IllegalArgumentException e) {
            throw new DockerfileException(line, e.getMessage());
        }
    }

    /** {@code name=value …} or the old {@code name value}; key, value, separator for each. */
    private List<String> keyValues(String text, String instruction, int line) throws DockerfileException {
        List<String> words = Words.shellSplit(text, escape);
        List<String> out = new ArrayList<>();
        if (words.isEmpty()) {
            return out;
        }
        if (!words.get(0).contains("=")) {
            String[] parts = Words.firstAndRest(text);
            if (parts.length < 2) {
                throw new DockerfileException(line, instruction + " " + parts[0] + " has no value: write " + instruction
                        + " " + parts[0] + "=value (or " + instruction + " " + parts[0] + " value)");
            }
            out.addAll(List.of(parts[0], parts[1], ""));
            return out;
        }
        for (String word : words) {
            int equals = word.indexOf('=');
            if (equals < 0) {
                throw new DockerfileException(line, instruction + ": no = in \"" + DockerfileLexer.abbreviate(word)
                        + "\"; once the first pair has one, every pair must be name=value");
            }
            out.addAll(List.of(word.substring(0, equals), word.substring(equals + 1), "="));
        }
        return out;
    }
}
