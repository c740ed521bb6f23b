package io.jenkins.plugins.imagefactory.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a Dockerfile into instructions the way BuildKit reads it: parser directives at the top
 * ({@code # syntax=}, {@code # escape=}), comments (also inside continuations), line continuations
 * with the escape character, blank lines inside continuations, and heredocs ({@code <<EOF},
 * {@code <<-EOF}, quoted delimiters, several per line) whose bodies are never read as instructions.
 */
final class DockerfileLexer {

    private static final Pattern DIRECTIVE = Pattern.compile("#\\s*([A-Za-z][A-Za-z0-9_-]*)\\s*=\\s*(.*?)\\s*");
    private static final Pattern HEREDOC = Pattern.compile("<<(-?)([\"']?)([A-Za-z_][A-Za-z0-9_.-]*)\\2");
    private static final Pattern KEYWORD = Pattern.compile("([A-Za-z]+)(?:\\s+(.*))?", Pattern.DOTALL);

    private final String[] lines;
    private char escape = '\\';

    private DockerfileLexer(String text) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        this.lines = body.split("\\r?\\n", -1);
    }

    static Lexed lex(String text) throws DockerfileException {
        return new DockerfileLexer(text).run();
    }

    /**
     * @param instructions the logical lines
     * @param escape       the escape character in force
     */
    record Lexed(List<LogicalLine> instructions, char escape) {
    }

    private Lexed run() throws DockerfileException {
        int index = directives();
        List<LogicalLine> out = new ArrayList<>();
        while (index < lines.length) {
            String raw = lines[index];
            String trimmed = raw.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                index++;
                continue;
            }
            int startLine = index + 1;
            StringBuilder logical = new StringBuilder();
            String current = raw;
            while (true) {
                String stripped = stripTrailing(current);
                if (endsWithEscape(stripped)) {
                    logical.append(stripped, 0, stripped.length() - 1);
                    index++;
                    // Comments and blank lines inside a continuation are dropped, as BuildKit does.
                    while (index < lines.length && (lines[index].isBlank() || lines[index].strip().startsWith("#"))) {
                        index++;
                    }
                    if (index >= lines.length) {
                        break;
                    }
                    current = lines[index];
                } else {
                    logical.append(current);
                    index++;
                    break;
                }
            }
            Matcher keyword = KEYWORD.matcher(logical.toString().strip());
            if (!keyword.matches()) {
                throw new DockerfileException(startLine, "cannot parse instruction \"" + abbreviate(logical.toString().strip())
                        + "\"");
            }
            String name = keyword.group(1).toUpperCase(Locale.ROOT);
            String arguments = keyword.group(2) == null ? "" : keyword.group(2).strip();
            if (name.equals("RUN") || name.equals("COPY") || name.equals("ADD")) {
                index = skipHeredocs(arguments, index, startLine);
            }
            out.add(new LogicalLine(name, arguments, startLine));
        }
        return new Lexed(out, escape);
    }

    /** Reads parser directives; returns the index of the first line after them. */
    private int directives() throws DockerfileException {
        int index = 0;
        while (index < lines.length) {
            Matcher directive = DIRECTIVE.matcher(lines[index].strip());
            if (!lines[index].strip().startsWith("#") || !directive.matches()) {
                break;
            }
            String name = directive.group(1).toLowerCase(Locale.ROOT);
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

    private int skipHeredocs(String arguments, int index, int startLine) throws DockerfileException {
        Matcher heredoc = HEREDOC.matcher(arguments);
        int next = index;
        while (heredoc.find()) {
            boolean stripTabs = !heredoc.group(1).isEmpty();
            String delimiter = heredoc.group(3);
            boolean closed = false;
            while (next < lines.length) {
                String body = lines[next++];
                String candidate = stripTabs ? body.replaceFirst("^\\t+", "") : body;
                if (candidate.equals(delimiter) || candidate.stripTrailing().equals(delimiter)) {
                    closed = true;
                    break;
                }
            }
            if (!closed) {
                throw new DockerfileException(startLine, "unterminated heredoc <<" + delimiter
                        + " (no line \"" + delimiter + "\" closes it)");
            }
        }
        return next;
    }

    private boolean endsWithEscape(String text) {
        return !text.isEmpty() && text.charAt(text.length() - 1) == escape;
    }

    private static String stripTrailing(String text) {
        return text.stripTrailing();
    }

    static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
