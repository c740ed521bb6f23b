package io.jenkins.plugins.imagefactory.dockerfile;

import java.util.ArrayList;
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

    /** @param text the logical line, continuations joined */
    InstructionNode parse(String text, int line) throws DockerfileException {
        String[] split = Words.firstAndRest(text.strip());
        String keyword = split[0];
        BuilderFlags flags = split.length == 2 ? BuilderFlags.extract(split[1], escape) : new BuilderFlags(List.of(), "");
        String rest = flags.rest().strip();
        List<String> args = new ArrayList<>();
        boolean json = false;
        InstructionNode onbuild = null;
        String name = keyword.toUpperCase(Locale.ROOT);
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
                if (!rest.isEmpty()) {
                    onbuild = parse(rest, line);
                    args.add(onbuild.keyword());
                    args.addAll(onbuild.args());
                }
            }
            default -> {
                // BuildKit's parser keeps an unknown instruction without arguments; InstructionRules refuses it.
            }
        }
        return new InstructionNode(keyword, name, flags.flags(), args, json, onbuild, line);
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
