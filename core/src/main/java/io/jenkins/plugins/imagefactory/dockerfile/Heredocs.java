package io.jenkins.plugins.imagefactory.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the heredocs a {@code RUN}, {@code COPY} or {@code ADD} line opens, as BuildKit does: the
 * line is cut into shell words (quotes kept, so {@code "<<EOF"} is no heredoc), and each word of
 * the form {@code [n]<<[-]NAME} opens one, its terminator {@code NAME} with quotes and escapes
 * removed. BuildKit always uses a backslash here, whatever the escape directive says.
 */
final class Heredocs {

    /** Go's {@code \s} is ASCII whitespace. */
    private static final Pattern HEREDOC = Pattern.compile("(\\d*)<<(-?)[\\t\\n\\f\\r ]*([^<]*)");

    /**
     * @param terminator the line that ends the heredoc
     * @param chomp      {@code <<-}: leading tabs do not count when looking for the terminator
     */
    record Heredoc(String terminator, boolean chomp) {
    }

    private Heredocs() {
    }

    static List<Heredoc> inLine(String line) {
        List<Heredoc> out = new ArrayList<>();
        List<String> words = rawWords(line);
        for (String word : words) {
            Heredoc heredoc = parse(word);
            if (heredoc != null) {
                out.add(heredoc);
            }
        }
        return out;
    }

    /** A word that opens a heredoc, or {@code null}; also how BuildKit tells a heredoc destination. */
    static Heredoc parse(String word) {
        if (!word.contains("<<")) {
            return null;
        }
        Matcher matcher = HEREDOC.matcher(word);
        if (!matcher.matches() || matcher.group(3).isEmpty()) {
            return null;
        }
        List<String> name = unquotedWords(matcher.group(3));
        return name == null || name.size() != 1 ? null : new Heredoc(name.get(0), !matcher.group(2).isEmpty());
    }

    /** Words with quotes and escapes kept; {@code <<} keeps the blanks after it; null on an unterminated quote. */
    private static List<String> rawWords(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                int end = closingQuote(text, i);
                if (end < 0) {
                    return List.of();
                }
                word.append(text, i, end + 1);
                i = end + 1;
            } else if (c == '\\') {
                word.append(c);
                if (i + 1 < text.length()) {
                    word.append(text.charAt(i + 1));
                }
                i += 2;
            } else if (c == '<' && text.startsWith("<<", i)) {
                int end = i + 2;
                while (end < text.length() && (text.charAt(end) == ' ' || text.charAt(end) == '\t' || text.charAt(end) == '\r')) {
                    end++;
                }
                word.append(text, i, end);
                i = end;
            } else if (Words.isSpace(c)) {
                if (!word.isEmpty()) {
                    out.add(word.toString());
                    word.setLength(0);
                }
                i++;
            } else {
                word.append(c);
                i++;
            }
        }
        if (!word.isEmpty()) {
            out.add(word.toString());
        }
        return out;
    }

    /** Index of the quote closing the one at {@code open}; in double quotes a backslash escapes. */
    private static int closingQuote(String text, int open) {
        char quote = text.charAt(open);
        for (int i = open + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == quote) {
                return i;
            }
            if (quote == '"' && c == '\\') {
                i++;
            }
        }
        return -1;
    }

    /** Words with quotes and backslash escapes removed; null on an unterminated quote. */
    private static List<String> unquotedWords(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                int end = closingQuote(text, i);
                if (end < 0) {
                    return null;
                }
                for (int k = i + 1; k < end; k++) {
                    char inside = text.charAt(k);
                    if (c == '"' && inside == '\\' && k + 1 < end && "\"$\\".indexOf(text.charAt(k + 1)) >= 0) {
                        inside = text.charAt(++k);
                    }
                    word.append(inside);
                }
                inWord = true;
                i = end + 1;
            } else if (c == '\\') {
                if (i + 1 < text.length()) {
                    word.append(text.charAt(i + 1));
                    inWord = true;
                }
                i += 2;
            } else if (Words.isSpace(c)) {
                if (inWord) {
                    out.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            out.add(word.toString());
        }
        return out;
    }
}
