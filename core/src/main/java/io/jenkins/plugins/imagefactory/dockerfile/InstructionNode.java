package io.jenkins.plugins.imagefactory.dockerfile;

import java.util.List;
import java.util.Locale;

/**
 * One instruction as BuildKit's parser leaves it: continuations joined, heredoc bodies set aside,
 * leading {@code --flags} taken off with their quotes and escapes removed, and the rest read by
 * the instruction's own line parser (whitespace-split words, {@code key=value} pairs, one string,
 * or a JSON array).
 *
 * @param keyword  the instruction as written ({@code FROM}, {@code from}, {@code FOO} …)
 * @param name     the keyword in upper case, as the rules and messages name it
 * @param flags    the leading {@code --name[=value]} words
 * @param args     the arguments after the flags, as the instruction's line parser splits them;
 *                 {@code ENV} and {@code LABEL} give key, value, separator triples
 * @param json     the arguments were a JSON array of strings
 * @param onbuild  the instruction an {@code ONBUILD} wraps, or {@code null}
 * @param line     1-based line the instruction starts on
 */
record InstructionNode(String keyword, String name, List<String> flags, List<String> args, boolean json,
                       InstructionNode onbuild, int line) {

    InstructionNode {
        flags = List.copyOf(flags);
        args = List.copyOf(args);
    }

    InstructionNode(String keyword, List<String> flags, List<String> args, boolean json, InstructionNode onbuild, int line) {
        this(keyword, keyword.toUpperCase(Locale.ROOT), flags, args, json, onbuild, line);
    }
}
