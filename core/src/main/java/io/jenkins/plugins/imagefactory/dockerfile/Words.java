package io.jenkins.plugins.imagefactory.dockerfile;

import java.util.ArrayList;
import java.util.List;

/** How BuildKit's parser cuts instruction text into words, before any word is expanded. */
final class Words {

    private Words() {
    }

    /**
     * Split on runs of blanks (BuildKit's {@code reWhitespace}: tab, vertical tab, form feed,
     * carriage return, space), quotes meaning nothing: {@code FROM "a b"} is two words.
     * {@code text} is trimmed, as BuildKit trims it before splitting.
     */
    static List<String> whitespaceSplit(String text) {
        List<String> out = new ArrayList<>(4);
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && isBlank(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < text.length() && !isBlank(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(text.substring(start, i));
            }
        }
        return out;
    }

    /** At most two parts: the first word and the rest after the blanks, as {@code ENV name value} reads them. */
    static String[] firstAndRest(String text) {
        int end = 0;
        while (end < text.length() && !isBlank(text.charAt(end))) {
            end++;
        }
        if (end == text.length()) {
            return new String[] {text};
        }
        int rest = end;
        while (rest < text.length() && isBlank(text.charAt(rest))) {
            rest++;
        }
        return new String[] {text.substring(0, end), text.substring(rest)};
    }

    /** One of BuildKit's {@code reWhitespace} characters. */
    static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\u000B';
    }

    /**
     * BuildKit's {@code parseWords} ({@code ARG}, {@code ENV}, {@code LABEL}): split on blanks
     * outside quotes, keeping quotes and escape characters for the later expansion to remove; an
     * unterminated quote just runs to the end.
     */
    static List<String> shellSplit(String text, char escape) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        boolean blankOk = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!inWord) {
                if (isSpace(c)) {
                    continue;
                }
                inWord = true;
            }
            if (quote == 0) {
                if (isSpace(c)) {
                    if (blankOk || !word.isEmpty()) {
                        out.add(word.toString());
                    }
                    word.setLength(0);
                    blankOk = false;
                    inWord = false;
                    continue;
                }
                if (c == '\'' || c == '"') {
                    quote = c;
                    blankOk = true;
                }
                if (c == escape) {
                    if (i + 1 == text.length()) {
                        continue;
                    }
                    word.append(c);
                    c = text.charAt(++i);
                }
                word.append(c);
            } else {
                if (c == quote) {
                    quote = 0;
                }
                if (c == escape && quote != '\'') {
                    if (i + 1 == text.length()) {
                        quote = 0;
                        continue;
                    }
                    word.append(c);
                    c = text.charAt(++i);
                }
                word.append(c);
            }
        }
        if (inWord && (blankOk || !word.isEmpty())) {
            out.add(word.toString());
        }
        return out;
    }

    /** Go's {@code unicode.IsSpace}. */
    static boolean isSpace(char c) {
        return Character.isWhitespace(c) || c == '\u00A0' || c == '\u0085' || c == '\u2007' || c == '\u202F';
    }
}
