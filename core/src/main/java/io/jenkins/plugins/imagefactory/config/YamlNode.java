package io.jenkins.plugins.imagefactory.config;

import java.util.List;
import java.util.Map;

/**
 * A YAML value with the position it was read from, so that every validation message can name the
 * file, line and column of the node it is about. Jackson's own tree drops positions.
 */
sealed interface YamlNode {

    ConfigLocation location();

    /** A short name of the node's kind for messages: "a mapping", "a list", "a string", ... */
    String describe();

    /** A mapping, keys in document order. */
    record MapNode(ConfigLocation location, Map<String, Entry> entries) implements YamlNode {
        public MapNode {
            entries = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(entries));
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    /** One key of a mapping with where the key itself stands. */
    record Entry(ConfigLocation keyLocation, YamlNode value) {
    }

    record ListNode(ConfigLocation location, List<YamlNode> items) implements YamlNode {
        public ListNode {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /** A scalar; {@code text} is the value as written ({@code null} for YAML null). */
    record ScalarNode(ConfigLocation location, String text, ScalarType type) implements YamlNode {
        @Override
        public String describe() {
            return switch (type) {
                case STRING -> "a string";
                case NUMBER -> "a number";
                case BOOLEAN -> "a boolean";
                case NULL -> "empty";
            };
        }
    }

    enum ScalarType { STRING, NUMBER, BOOLEAN, NULL }
}
