package io.jenkins.plugins.imagefactory.dockerfile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Dockerfile into instructions the way BuildKit's parser does: parser directives at the
 * top ({@code # syntax=}, {@code # escape=}, {@code # check=}; the first other line ends them),
 * comments (also inside continuations), line continuations with the escape character, blank
 * lines inside continuations, and heredocs ({@code <<EOF}, {@code <<-EOF}, quoted names, several
 * per line, also under {@code ONBUILD}) whose bodies are never read as instructions. Each
 * logical line goes through its {@link LineParser} as soon as it is read, so the first fault in
 * the file is the one reported, as in BuildKit.
 */
final class DockerfileLexer {

    /** BuildKit reads no line longer than this (its scanner's buffer); neither do we. */
    static final int MAX_LINE_BYTES = 65_535;

    private static final Pattern DIRECTIVE = Pattern.compile("([a-zA-Z][a-zA-Z0-9]*)\\s*=\\s*(.+?)\\s*");
    private static final Set<String> DIRECTIVES = Set.of("syntax", "escape", "check");
    private static final Set<String> HEREDOC_INSTRUCTIONS = Set.of("RUN", "COPY", "ADD");

    private final String[] lines;
    private char escape = '\\';

    private DockerfileLexer(String text) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String[] split = body.split("\n", -1);
        // A final newline ends the last line rather than starting an empty one.
        int count = split.length > 0 && split[split.length - 1].isEmpty() ? split.length - 1 : split.length;
        this.lines = new String[count];
        for (int i = 0; i < count; i++) {
            lines[i] = stripCarriageReturns(split[i]);
        }
    }

    static Lexed lex(String text) throws DockerfileException {
        return new DockerfileLexer(text).run();
    }

    /**
     * @param instructions the instructions in order
     * @param escape       the escape character in force
     * @param lastLine     the number of the file's last line (1 for an empty file)
     */
    record Lexed(List<InstructionNode> instructions, char escape, int lastLine) {
    }

    private Lexed run() throws DockerfileException {
        int index = directives();
        LineParser parser = new LineParser(escape);
        List<InstructionNode> out = new ArrayList<>();
        while (index < lines.length) {
            checkLength(index);
            String first = lines[index].stripLeading();
            if (first.isEmpty() || first.startsWith("#")) {
                index++;
                continue;
            }
            int startLine = index + 1;
            StringBuilder logical = new StringBuilder();
            String current = first;
            while (true) {
                int continuation = continuationAt(current);
                if (continuation < 0) {
                    logical.append(current);
                    index++;
                    break;
                }
                logical.append(current, 0, continuation);
                index++;
                // Comments and blank lines inside a continuation are dropped, as BuildKit does.
                while (index < lines.length && (lines[index].isBlank() || lines[index].stripLeading().startsWith("#"))) {
                    checkLength(index);
                    index++;
                }
                if (index >= lines.length) {
                    break;
                }
                checkLength(index);
                current = lines[index];
            }
            InstructionNode node = parser.parse(logical.toString(), startLine);
            if (mayHaveHeredocs(node) && logical.indexOf("<<") >= 0) {
                index = skipHeredocs(logical.toString(), index, startLine);
            }
            out.add(node);
        }
        return new Lexed(out, escape, Math.max(1, lines.length));
    }

    /** Reads parser directives; returns the index of the first line after them. */
    private int directives() throws DockerfileException {
        Set<String> seen = new HashSet<>();
        int index = 0;
        while (index < lines.length) {
            checkLength(index);
            String line = lines[index].stripLeading();
            if (!line.startsWith("#")) {
                break;
            }
            Matcher directive = DIRECTIVE.matcher(line.substring(1).stripLeading());
            if (!directive.matches()) {
                break;
            }
            String name = directive.group(1).toLowerCase(Locale.ROOT);
            if (!DIRECTIVES.contains(name)) {
                break;
            }
            if (!seen.add(name)) {
                throw new DockerfileException(index + 1, "only one " + name + " parser directive can be used");
            }
            if (name.equals("escape")) {
                String value = directive.group(2);
                if (!value.equals("\\") && !value.equals("`")) {
                    throw new DockerfileException(index + 1, "invalid escape directive \"" + value + "\" (expected \\ or `)");
                }
                escape = value.charAt(0);
            }
            index++;
        }
        return index;
    }

    /**
     * Where the continuation starts when {@code line} ends with the escape character (blanks after
     * it allowed) not itself escaped, else -1: BuildKit's {@code lineContinuationRegex}.
     */
    private int continuationAt(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
            end--;
        }
        if (end == 0 || line.charAt(end - 1) != escape) {
            return -1;
        }
        if (end >= 2 && line.charAt(end - 2) == escape) {
            return -1;
        }
        return end - 1;
    }

    private static boolean mayHaveHeredocs(InstructionNode node) {
        InstructionNode command = node.onbuild() != null ? node.onbuild() : node;
        return HEREDOC_INSTRUCTIONS.contains(command.name()) && !command.json();
    }

    private int skipHeredocs(String logical, int index, int startLine) throws DockerfileException {
        int next = index;
        for (Heredocs.Heredoc heredoc : Heredocs.inLine(logical)) {
            boolean closed = false;
            while (next < lines.length) {
                checkLength(next);
                String body = lines[next++];
                String candidate = heredoc.chomp() ? body.replaceFirst("^\\t+", "") : body;
                if (candidate.equals(heredoc.terminator())) {
                    closed = true;
                    break;
                }
            }
            if (!closed) {
                throw new DockerfileException(startLine, "unterminated heredoc <<" + heredoc.terminator()
                        + " (no line \"" + heredoc.terminator() + "\" closes it)");
            }
        }
        return next;
    }

    private void checkLength(int index) throws DockerfileException {
        String line = lines[index];
        // UTF-8 needs at most three bytes per UTF-16 unit, so only long lines need counting.
        if (line.length() * 3 > MAX_LINE_BYTES && line.getBytes(StandardCharsets.UTF_8).length > MAX_LINE_BYTES) {
            throw new DockerfileException(index + 1, "line is longer than " + String.format("%,d", MAX_LINE_BYTES)
                    + " bytes, the most BuildKit reads");
        }
    }

    private static String stripCarriageReturns(String line) {
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == '\r') {
            end--;
        }
        return end == line.length() ? line : line.substring(0, end);
    }

    static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
