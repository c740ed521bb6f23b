package io.jenkins.plugins.imagefactory.dockerfile;

/**
 * BuildKit's word processing ({@code shell.Lex.ProcessWord}) for one word: quotes and escape
 * characters are removed wherever they are in the word, {@code $VAR} and {@code ${VAR…}} are
 * substituted with every modifier BuildKit knows ({@code :-} {@code -} {@code :+} {@code +}
 * {@code :?} {@code ?} {@code #} {@code ##} {@code %} {@code %%} {@code /} {@code //}), and text in
 * single quotes is left alone.
 *
 * <p>{@linkplain #strict Strict} expansion (ARG values, {@code FROM} and its {@code --platform})
 * differs from BuildKit on purpose, as the README says: a variable whose value is used ({@code $X},
 * {@code ${X}}, {@code ${X#…}}, {@code ${X%…}}, {@code ${X/…}}) must be set, where BuildKit would
 * silently use nothing, and shell special or positional parameters ({@code $1}, {@code $@},
 * {@code ${#}} …) are refused. {@linkplain #buildKit BuildKit} expansion follows BuildKit exactly.
 *
 * <p>Nesting and lengths are bounded by {@link ExpansionBudget}; recursion is at most
 * {@link ExpansionBudget#MAX_NESTING} substitutions deep.
 */
final class WordExpander {

    /** Variables in scope. */
    interface Variables {
        /** The value, or {@code null} when the variable is not set. */
        String get(String name);

        /** Why a variable whose value is needed is not set (strict expansion only). */
        String unsetMessage(String name);
    }

    private static final Variables NONE = new Variables() {
        @Override
        public String get(String name) {
            return null;
        }

        @Override
        public String unsetMessage(String name) {
            return name + " is not set";
        }
    };

    private final char escape;
    private final ExpansionBudget budget;
    private final boolean strict;

    private WordExpander(char escape, ExpansionBudget budget, boolean strict) {
        this.escape = escape;
        this.budget = budget;
        this.strict = strict;
    }

    static WordExpander strict(char escape, ExpansionBudget budget) {
        return new WordExpander(escape, budget, true);
    }

    static WordExpander buildKit(char escape, ExpansionBudget budget) {
        return new WordExpander(escape, budget, false);
    }

    /**
     * @throws DockerfileException at {@code line}: a syntax error, an unset variable (strict), a
     *                             {@code ?} modifier's message, or a passed limit
     */
    String expand(String word, Variables variables, int line) throws DockerfileException {
        try {
            return new Scan(word, variables == null ? NONE : variables).until(-1, false);
        } catch (Fault e) {
            throw new DockerfileException(line, e.getMessage() + " in \"" + DockerfileLexer.abbreviate(word) + "\"");
        } catch (ExpansionBudget.LimitExceeded e) {
            throw new DockerfileException(line, e.getMessage());
        }
    }

    /** A fault in the word itself; the caller adds the word and line. */
    private static final class Fault extends Exception {
        private static final long serialVersionUID = 1L;

        Fault(String message) {
            super(message, null, false, false);
        }
    }

    /** One pass over one word. */
    private final class Scan {
        private final String text;
        private final Variables variables;
        private int pos;
        private int depth;

        Scan(String text, Variables variables) {
            this.text = text;
            this.variables = variables;
        }

        private boolean atEnd() {
            return pos >= text.length();
        }

        /** Up to {@code stop} (consumed), or the end when {@code stop} is -1. */
        String until(int stop, boolean rawEscapes) throws Fault, ExpansionBudget.LimitExceeded {
            StringBuilder out = new StringBuilder();
            while (!atEnd()) {
                char c = text.charAt(pos);
                if (stop >= 0 && c == stop) {
                    pos++;
                    return out.toString();
                }
                if (c == '$') {
                    substitute(out, dollar());
                } else if (c == '\'') {
                    out.append(singleQuoted());
                } else if (c == '"') {
                    out.append(doubleQuoted(rawEscapes));
                    ExpansionBudget.checkLength(out.length());
                } else {
                    pos++;
                    if (c == escape) {
                        if (rawEscapes) {
                            out.append(c);
                        }
                        if (atEnd()) {
                            break;
                        }
                        c = text.charAt(pos++);
                    }
                    out.append(c);
                }
            }
            if (stop >= 0) {
                throw new Fault("unexpected end of text while looking for a matching " + (char) stop);
            }
            return out.toString();
        }

        private void substitute(StringBuilder out, String value) throws ExpansionBudget.LimitExceeded {
            out.append(value);
            budget.substituted(value.length());
            ExpansionBudget.checkLength(out.length());
        }

        private String singleQuoted() throws Fault {
            int close = text.indexOf('\'', pos + 1);
            if (close < 0) {
                throw new Fault("unterminated single quote");
            }
            String inside = text.substring(pos + 1, close);
            pos = close + 1;
            return inside;
        }

        private String doubleQuoted(boolean rawEscapes) throws Fault, ExpansionBudget.LimitExceeded {
            StringBuilder out = new StringBuilder();
            pos++;
            while (true) {
                if (atEnd()) {
                    throw new Fault("unterminated double quote");
                }
                char c = text.charAt(pos);
                if (c == '"') {
                    pos++;
                    return out.toString();
                }
                if (c == '$') {
                    substitute(out, dollar());
                    continue;
                }
                pos++;
                if (c == escape) {
                    if (rawEscapes) {
                        out.append(c);
                    }
                    if (atEnd()) {
                        continue;
                    }
                    char next = text.charAt(pos);
                    if (next == '"' || next == '$' || next == escape) {
                        c = next;
                        pos++;
                    }
                }
                out.append(c);
            }
        }

        private String dollar() throws Fault, ExpansionBudget.LimitExceeded {
            pos++;
            if (atEnd() || text.charAt(pos) != '{') {
                String name = name();
                return name.isEmpty() ? "$" : required(name);
            }
            pos++;
            if (atEnd()) {
                throw new Fault("missing '}'");
            }
            char first = text.charAt(pos);
            if (first == '{' || first == '}' || first == ':') {
                throw new Fault("bad substitution");
            }
            if (++depth > ExpansionBudget.MAX_NESTING) {
                throw new ExpansionBudget.LimitExceeded("substitutions are nested more than " + ExpansionBudget.MAX_NESTING
                        + " deep");
            }
            String name = name();
            if (atEnd()) {
                throw new Fault("missing '}'");
            }
            char modifier = text.charAt(pos++);
            String result = switch (modifier) {
                case '}' -> required(name);
                case ':' -> {
                    if (atEnd()) {
                        throw new Fault("missing '}'");
                    }
                    yield modified(name, text.charAt(pos++), true);
                }
                case '+', '-', '?', '#', '%' -> modified(name, modifier, false);
                case '/' -> replaced(name);
                default -> throw new Fault("unsupported modifier (" + modifier + ") in substitution");
            };
            depth--;
            return result;
        }

        private String modified(String name, char modifier, boolean nullIsUnset) throws Fault, ExpansionBudget.LimitExceeded {
            String written = (nullIsUnset ? ":" : "") + modifier;
            boolean pattern = modifier == '#' || modifier == '%';
            if (nullIsUnset && pattern) {
                throw new Fault("unsupported modifier (" + written + ") in substitution");
            }
            String word = wordUntil('}', pattern, "missing '}'");
            refuseSpecial(name);
            String value = variables.get(name);
            boolean unset = value == null || (nullIsUnset && value.isEmpty());
            return switch (modifier) {
                case '-' -> unset ? word : value;
                case '+' -> unset ? "" : word;
                case '?' -> {
                    if (value == null) {
                        throw new Fault(name + ": " + (word.isEmpty() ? "is not allowed to be unset" : word));
                    }
                    if (unset) {
                        throw new Fault(name + ": " + (word.isEmpty() ? "is not allowed to be empty" : word));
                    }
                    yield value;
                }
                case '#', '%' -> {
                    String subject = required(name);
                    boolean longest = !word.isEmpty() && word.charAt(0) == modifier;
                    ShellPattern compiled = compile(longest ? word.substring(1) : word);
                    yield modifier == '#' ? compiled.trimPrefix(subject, longest, budget)
                            : compiled.trimSuffix(subject, longest, budget);
                }
                default -> throw new Fault("unsupported modifier (" + written + ") in substitution");
            };
        }

        private String replaced(String name) throws Fault, ExpansionBudget.LimitExceeded {
            boolean all = !atEnd() && text.charAt(pos) == '/';
            if (all) {
                pos++;
            }
            String pattern = wordUntil('/', true, "missing '/' in ${}");
            String replacement = wordUntil('}', true, "missing '}'");
            String subject = required(name);
            return compile(pattern).replace(subject, replacement, all, budget);
        }

        private String wordUntil(char stop, boolean rawEscapes, String missing) throws Fault, ExpansionBudget.LimitExceeded {
            try {
                return until(stop, rawEscapes);
            } catch (Fault e) {
                throw atEnd() ? new Fault(missing) : e;
            }
        }

        private ShellPattern compile(String pattern) throws Fault {
            try {
                return ShellPattern.compile(pattern);
            } catch (IllegalArgumentException e) {
                throw new Fault("invalid pattern (" + pattern + ") in substitution: " + e.getMessage());
            }
        }

        /** A variable whose value is used; BuildKit uses nothing for an unset one, strict expansion refuses it. */
        private String required(String name) throws Fault {
            refuseSpecial(name);
            String value = variables.get(name);
            if (value != null) {
                return value;
            }
            if (strict) {
                throw new Fault(variables.unsetMessage(name));
            }
            return "";
        }

        private void refuseSpecial(String name) throws Fault {
            if (strict && isSpecial(name)) {
                throw new Fault("$" + name + " is a shell " + (Character.isDigit(name.charAt(0)) ? "positional" : "special")
                        + " parameter, which has no value in a Dockerfile (escape the $ to keep it)");
            }
        }

        /** A name as BuildKit reads it: digits, one special character, or letters, digits and underscores. */
        private String name() {
            int start = pos;
            if (atEnd()) {
                return "";
            }
            char first = text.charAt(pos);
            if (Character.isDigit(first)) {
                while (!atEnd() && Character.isDigit(text.charAt(pos))) {
                    pos++;
                }
                return text.substring(start, pos);
            }
            if (isSpecialCharacter(first)) {
                pos++;
                return String.valueOf(first);
            }
            while (!atEnd() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            return text.substring(start, pos);
        }
    }

    private static boolean isSpecial(String name) {
        return !name.isEmpty() && (Character.isDigit(name.charAt(0)) || (name.length() == 1 && isSpecialCharacter(name.charAt(0))));
    }

    private static boolean isSpecialCharacter(char c) {
        return "@*#?-$!0".indexOf(c) >= 0;
    }
}
