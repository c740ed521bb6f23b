package io.jenkins.plugins.imagefactory.dockerfile;

import java.util.HashMap;
import java.util.Map;

/**
 * The global build arguments {@code FROM} lines see, as BuildKit builds them: its automatic
 * platform args, then each {@code ARG} before the first {@code FROM} in order, a {@code --build-arg}
 * replacing a declared one's default. An {@code ARG} without a value leaves an earlier value in
 * place; without any, the variable is declared but not set.
 */
final class ArgScope implements WordExpander.Variables {

    private final Map<String, String> values = new HashMap<>();
    private final Map<String, Integer> declaredAt = new HashMap<>();

    /** A variable BuildKit sets itself; {@code line} 0. */
    void preset(String name, String value) {
        values.put(name, value);
        declaredAt.put(name, 0);
    }

    /** @param value the value, or {@code null} for {@code ARG NAME} without one */
    void declare(String name, String value, int line) {
        if (value != null) {
            values.put(name, value);
        }
        declaredAt.putIfAbsent(name, line);
    }

    @Override
    public String get(String name) {
        return values.get(name);
    }

    @Override
    public String unsetMessage(String name) {
        Integer line = declaredAt.get(name);
        if (line != null) {
            return "ARG " + name + " (declared at line " + line + ") has no value: give it a default in the Dockerfile"
                    + " or set it in the enrollment's source.buildArgs";
        }
        return "$" + name + " is not a declared ARG: declare it with ARG before the first FROM (FROM only sees those,"
                + " and build args only apply to declared ARGs)";
    }
}
