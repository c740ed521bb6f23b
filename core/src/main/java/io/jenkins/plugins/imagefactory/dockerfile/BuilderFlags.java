package io.jenkins.plugins.imagefactory.dockerfile;

import java.util.ArrayList;
import java.util.List;

/**
 * The leading {@code --name[=value]} words of an instruction, taken off before its line parser
 * runs, as BuildKit's {@code extractBuilderFlags} does: quotes and escape characters inside a flag
 * are removed here (so {@code --mount="type=bind,from=x"} is {@code --mount=type=bind,from=x}),
 * the first word not starting with {@code --} ends them, and a lone {@code --} ends them and is dropped.
 *
 * @param flags the flags, in order
 * @param rest  where the text after them starts
 */
record BuilderFlags(List<String> flags, int rest) {

    BuilderFlags {
        flags = List.copyOf(flags);
    }

    /** The flags in {@code text} from {@code from} up to {@code limit}; offsets spare copying a long line. */
    static BuilderFlags extract(String text, int from, int limit, char escape) {
        List<String> flags = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        boolean blankOk = false;
        char quote = 0;
        for (int i = from; i < limit; i++) {
            char c = text.charAt(i);
            if (!inWord) {
                if (Words.isSpace(c)) {
                    continue;
                }
                if (c != '-' || i + 1 == limit || text.charAt(i + 1) != '-') {
                    return new BuilderFlags(flags, i);
                }
                inWord = true;
            }
            if (quote == 0) {
                if (Words.isSpace(c)) {
                    String flag = word.toString();
                    if (flag.equals("--")) {
                        return new BuilderFlags(flags, i);
                    }
                    if (blankOk || !flag.isEmpty()) {
                        flags.add(flag);
                    }
                    word.setLength(0);
                    blankOk = false;
                    inWord = false;
                    continue;
                }
                if (c == '\'' || c == '"') {
                    quote = c;
                    blankOk = true;
                    continue;
                }
            } else if (c == quote) {
                quote = 0;
                continue;
            }
            if (c == escape) {
                if (i + 1 == limit) {
                    quote = 0;
                    continue;
                }
                c = text.charAt(++i);
            }
            word.append(c);
        }
        if (inWord && !word.toString().equals("--") && (blankOk || !word.isEmpty())) {
            flags.add(word.toString());
        }
        return new BuilderFlags(flags, limit);
    }
}
