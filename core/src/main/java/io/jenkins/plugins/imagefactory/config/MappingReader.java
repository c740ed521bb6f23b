package io.jenkins.plugins.imagefactory.config;

import io.jenkins.plugins.imagefactory.config.YamlNode.ListNode;
import io.jenkins.plugins.imagefactory.config.YamlNode.MapNode;
import io.jenkins.plugins.imagefactory.config.YamlNode.ScalarNode;
import io.jenkins.plugins.imagefactory.config.YamlNode.ScalarType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads the fields of one YAML mapping, collecting a {@link ConfigError} for every problem instead
 * of stopping at the first, so a user sees all of them in one run.
 */
final class MappingReader {

    private final MapNode node;
    private final String path;
    private final List<ConfigError> errors;

    MappingReader(MapNode node, String path, List<ConfigError> errors) {
        this.node = node;
        this.path = path;
        this.errors = errors;
    }

    /** A reader for {@code node} when it is a mapping; otherwise records an error and answers empty. */
    static Optional<MappingReader> of(YamlNode node, String path, List<ConfigError> errors) {
        if (node instanceof MapNode map) {
            return Optional.of(new MappingReader(map, path, errors));
        }
        errors.add(new ConfigError(node.location(), path, "expected a mapping, got " + node.describe()));
        return Optional.empty();
    }

    List<ConfigError> errors() {
        return errors;
    }

    ConfigLocation location() {
        return node.location();
    }

    String path() {
        return path;
    }

    String field(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    Set<String> keys() {
        return node.entries().keySet();
    }

    boolean has(String key) {
        YamlNode.Entry entry = node.entries().get(key);
        return entry != null && !(entry.value() instanceof ScalarNode s && s.type() == ScalarType.NULL);
    }

    Optional<YamlNode> node(String key) {
        return has(key) ? Optional.of(node.entries().get(key).value()) : Optional.empty();
    }

    void error(String key, String message) {
        YamlNode.Entry entry = node.entries().get(key);
        ConfigLocation at = entry == null ? node.location() : entry.value().location();
        errors.add(new ConfigError(at, field(key), message));
    }

    void error(YamlNode at, String field, String message) {
        errors.add(new ConfigError(at.location(), field, message));
    }

    /** Records an error for every key not in {@code known}, with a "did you mean" where one is close. */
    void rejectUnknown(Set<String> known) {
        for (Map.Entry<String, YamlNode.Entry> entry : node.entries().entrySet()) {
            String key = entry.getKey();
            if (known.contains(key)) {
                continue;
            }
            String message;
            if (SecretHeuristics.isSecretKey(key)) {
                message = "secrets must not be written in the config repo; reference a credential instead";
            } else {
                message = "unknown field" + Suggestions.closest(key, known).map(s -> " (did you mean \"" + s + "\"?)")
                        .orElse("; expected one of " + String.join(", ", new TreeSet<>(known)));
            }
            errors.add(new ConfigError(entry.getValue().keyLocation(), field(key), message));
        }
    }

    Optional<String> string(String key) {
        return node(key).flatMap(value -> {
            if (value instanceof ScalarNode scalar && scalar.type() != ScalarType.BOOLEAN) {
                return Optional.of(scalar.text());
            }
            error(key, "expected a string, got " + value.describe());
            return Optional.empty();
        });
    }

    Optional<String> requiredString(String key) {
        if (!has(key)) {
            errors.add(new ConfigError(node.location(), field(key), "is required"));
            return Optional.empty();
        }
        Optional<String> value = string(key);
        if (value.isPresent() && value.get().isBlank()) {
            error(key, "must not be empty");
            return Optional.empty();
        }
        return value;
    }

    Optional<Boolean> bool(String key) {
        return node(key).flatMap(value -> {
            if (value instanceof ScalarNode scalar && scalar.type() == ScalarType.BOOLEAN) {
                return Optional.of(Boolean.parseBoolean(scalar.text()));
            }
            error(key, "expected true or false, got " + describeValue(value));
            return Optional.empty();
        });
    }

    Optional<Integer> positiveInt(String key) {
        return node(key).flatMap(value -> {
            if (value instanceof ScalarNode scalar && scalar.type() == ScalarType.NUMBER) {
                try {
                    int parsed = Integer.parseInt(scalar.text());
                    if (parsed > 0) {
                        return Optional.of(parsed);
                    }
                } catch (NumberFormatException ignored) {
                    // reported below
                }
            }
            error(key, "expected a positive whole number, got " + describeValue(value));
            return Optional.empty();
        });
    }

    Optional<Duration> duration(String key) {
        return string(key).flatMap(text -> {
            try {
                return Optional.of(Durations.parse(text));
            } catch (IllegalArgumentException e) {
                error(key, e.getMessage());
                return Optional.empty();
            }
        });
    }

    /** A credentials reference; a secret value written inline is an error. */
    Optional<String> reference(String key) {
        return string(key).flatMap(value -> {
            String why = SecretHeuristics.whyNotAReference(value);
            if (why != null) {
                error(key, why);
                return Optional.empty();
            }
            return Optional.of(value);
        });
    }

    Optional<MappingReader> mapping(String key) {
        return node(key).flatMap(value -> of(value, field(key), errors));
    }

    /** A list of scalars, each converted by {@code convert} (which throws IllegalArgumentException to reject). */
    <T> Optional<List<T>> list(String key, Function<String, T> convert) {
        Optional<YamlNode> value = node(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!(value.get() instanceof ListNode list)) {
            error(key, "expected a list, got " + value.get().describe());
            return Optional.empty();
        }
        List<T> out = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < list.items().size(); i++) {
            YamlNode item = list.items().get(i);
            String itemField = field(key) + "[" + i + "]";
            if (!(item instanceof ScalarNode scalar) || scalar.type() == ScalarType.NULL) {
                error(item, itemField, "expected a string, got " + item.describe());
                ok = false;
                continue;
            }
            try {
                out.add(convert.apply(scalar.text()));
            } catch (IllegalArgumentException e) {
                error(item, itemField, e.getMessage());
                ok = false;
            }
        }
        return ok ? Optional.of(out) : Optional.empty();
    }

    /** Location of item {@code index} of list {@code key}, for cross-entry messages. */
    ConfigLocation itemLocation(String key, int index) {
        if (node(key).orElse(null) instanceof ListNode list && index < list.items().size()) {
            return list.items().get(index).location();
        }
        return node.location();
    }

    /** A mapping of string keys to scalar values (build args, inputs, labels). */
    Optional<Map<String, String>> stringMap(String key) {
        Optional<YamlNode> value = node(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!(value.get() instanceof MapNode map)) {
            error(key, "expected a mapping of names to values, got " + value.get().describe());
            return Optional.empty();
        }
        Map<String, String> out = new LinkedHashMap<>();
        boolean ok = true;
        for (Map.Entry<String, YamlNode.Entry> entry : map.entries().entrySet()) {
            YamlNode item = entry.getValue().value();
            if (item instanceof ScalarNode scalar && scalar.type() != ScalarType.NULL) {
                out.put(entry.getKey(), scalar.text());
            } else if (item instanceof ScalarNode) {
                out.put(entry.getKey(), "");
            } else {
                error(item, field(key) + "." + entry.getKey(), "expected a plain value, got " + item.describe());
                ok = false;
            }
        }
        return ok ? Optional.of(out) : Optional.empty();
    }

    private static String describeValue(YamlNode value) {
        if (value instanceof ScalarNode scalar && scalar.text() != null) {
            return "\"" + scalar.text() + "\"";
        }
        return value.describe();
    }
}
