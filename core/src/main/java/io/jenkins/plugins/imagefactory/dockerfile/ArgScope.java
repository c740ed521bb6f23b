package io.jenkins.plugins.imagefactory.dockerfile;

import java.util.HashMap;
import java.util.Map;

/**
 * Build arguments in scope and the substitution BuildKit applies to {@code FROM} and flag values:
 * {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-default}}, {@code ${VAR-default}}, {@code ${VAR:+alt}},
 * {@code ${VAR+alt}}, with the escape character protecting a literal {@code $}. A variable used
 * bare that has no value is an error here, where BuildKit would silently expand it to nothing.
 */
final class ArgScope {

    /** Declared ARGs: name → value, or {@code null} for "declared without a value". */
    private final Map<String, String> declared = new HashMap<>();
    private final Map<String, Integer> declaredAt = new HashMap<>();

    ArgScope copy() {
        ArgScope copy = new ArgScope();
        copy.declared.putAll(declared);
        copy.declaredAt.putAll(declaredAt);
        return copy;
    }

    void declare(String name, String value, int line) {
        declared.put(name, value);
        declaredAt.put(name, line);
    }

    boolean isDeclared(String name) {
        return declared.containsKey(name);
    }

    String value(String name) {
        return declared.get(name);
    }

    String expand(String text, char escape, int line) throws DockerfileException {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == escape && i + 1 < text.length() && text.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
                continue;
            }
            if (c != '$' || i + 1 >= text.length()) {
                out.append(c);
                i++;
                continue;
            }
            char next = text.charAt(i + 1);
            if (next == '{') {
                int close = matchingBrace(text, i + 1);
                if (close < 0) {
                    throw new DockerfileException(line, "unterminated ${ in \"" + text + "\"");
                }
                out.append(braced(text.substring(i + 2, close), escape, line));
                i = close + 1;
            } else if (Character.isLetter(next) || next == '_') {
                int end = i + 1;
                while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                    end++;
                }
                out.append(required(text.substring(i + 1, end), line));
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private String braced(String inner, char escape, int line) throws DockerfileException {
        int operator = -1;
        for (int k = 0; k < inner.length(); k++) {
            char c = inner.charAt(k);
            if (!(Character.isLetterOrDigit(c) || c == '_')) {
                operator = k;
                break;
            }
        }
        if (operator < 0) {
            return required(inner, line);
        }
        String name = inner.substring(0, operator);
        String rest = inner.substring(operator);
        String value = declared.get(name);
        boolean set = value != null;
        boolean nonEmpty = set && !value.isEmpty();
        if (rest.startsWith(":-")) {
            return nonEmpty ? value : expand(rest.substring(2), escape, line);
        }
        if (rest.startsWith("-")) {
            return set ? value : expand(rest.substring(1), escape, line);
        }
        if (rest.startsWith(":+")) {
            return nonEmpty ? expand(rest.substring(2), escape, line) : "";
        }
        if (rest.startsWith("+")) {
            return set ? expand(rest.substring(1), escape, line) : "";
        }
        throw new DockerfileException(line, "unsupported substitution ${" + inner + "} (supported: ${VAR}, ${VAR:-default},"
                + " ${VAR-default}, ${VAR:+alt}, ${VAR+alt})");
    }

    private String required(String name, int line) throws DockerfileException {
        String value = declared.get(name);
        if (value != null) {
            return value;
        }
        if (declared.containsKey(name)) {
            throw new DockerfileException(line, "ARG " + name + " (declared at line " + declaredAt.get(name)
                    + ") has no value: give it a default in the Dockerfile or set it in the enrollment's source.buildArgs");
        }
        throw new DockerfileException(line, "$" + name + " is not a declared ARG: declare it with ARG before the first"
                + " FROM (build args only apply to declared ARGs)");
    }

    private static int matchingBrace(String text, int open) {
        int depth = 0;
        for (int k = open; k < text.length(); k++) {
            if (text.charAt(k) == '{') {
                depth++;
            } else if (text.charAt(k) == '}') {
                depth--;
                if (depth == 0) {
                    return k;
                }
            }
        }
        return -1;
    }
}
