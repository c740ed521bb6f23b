package io.jenkins.plugins.imagefactory.dockerfile;

import java.util.ArrayList;
import java.util.List;

/** Splits instruction arguments on whitespace, keeping quoted runs together (quotes are kept for the caller). */
final class Words {

    private Words() {
    }

    static List<String> split(String text, int line) throws DockerfileException {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                word.append(c);
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                word.append(c);
            } else if (Character.isWhitespace(c)) {
                if (!word.isEmpty()) {
                    out.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(c);
            }
        }
        if (quote != 0) {
            throw new DockerfileException(line, "unterminated quote " + quote + " in \"" + DockerfileLexer.abbreviate(text) + "\"");
        }
        if (!word.isEmpty()) {
            out.add(word.toString());
        }
        return out;
    }

    /**
     * The {@code --flag} words at the start of {@code text}, stopping at the first word that is not a
     * flag, so the shell command or paths after them are never parsed (they may hold lone quotes).
     */
    static List<String> leadingFlags(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (!text.startsWith("--", i)) {
                break;
            }
            StringBuilder word = new StringBuilder();
            char quote = 0;
            while (i < text.length() && (quote != 0 || !Character.isWhitespace(text.charAt(i)))) {
                char c = text.charAt(i++);
                if (quote == 0 && (c == '"' || c == '\'')) {
                    quote = c;
                } else if (c == quote) {
                    quote = 0;
                }
                word.append(c);
            }
            out.add(word.toString());
        }
        return out;
    }

    /** Removes one pair of surrounding quotes. */
    static String unquote(String text) {
        if (text.length() >= 2 && (text.charAt(0) == '"' || text.charAt(0) == '\'') && text.charAt(text.length() - 1) == text.charAt(0)) {
            return text.substring(1, text.length() - 1);
        }
        return text;
    }
}
