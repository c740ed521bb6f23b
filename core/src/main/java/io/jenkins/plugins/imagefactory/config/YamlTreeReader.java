package io.jenkins.plugins.imagefactory.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads YAML text into {@link YamlNode}s that remember their positions. Several documents are allowed. */
final class YamlTreeReader {

    /** What a file held: its documents, or the problems that stopped reading it. */
    record Documents(List<YamlNode> documents, List<ConfigError> errors) {
    }

    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

    private final String file;
    private final List<ConfigError> errors = new ArrayList<>();

    private YamlTreeReader(String file) {
        this.file = file;
    }

    static Documents read(String file, String text) {
        YamlTreeReader reader = new YamlTreeReader(file);
        List<YamlNode> documents = new ArrayList<>();
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                documents.add(reader.value(parser, token));
            }
        } catch (JsonProcessingException e) {
            reader.errors.add(reader.unreadable(e));
            return new Documents(List.of(), reader.errors);
        } catch (IOException e) {
            reader.errors.add(new ConfigError(new ConfigLocation(file, 1, 1), "", "unreadable YAML: " + e.getMessage()));
            return new Documents(List.of(), reader.errors);
        }
        return new Documents(documents, reader.errors);
    }

    /**
     * The parser's problem where it is, not where the construct it was reading began: a tab used
     * for indentation is reported on its own line, with SnakeYAML's explanation.
     */
    private ConfigError unreadable(JsonProcessingException e) {
        if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked && marked.getProblemMark() != null) {
            org.yaml.snakeyaml.error.Mark mark = marked.getProblemMark();
            String problem = marked.getProblem() == null ? firstLine(e.getOriginalMessage()) : marked.getProblem();
            if (problem.contains("(TAB)")) {
                problem = "a tab where YAML expects spaces: indent with spaces, never tabs";
            }
            return new ConfigError(new ConfigLocation(file, mark.getLine() + 1, mark.getColumn() + 1), "",
                    "unreadable YAML: " + problem);
        }
        return new ConfigError(at(e.getLocation()), "", "unreadable YAML: " + firstLine(e.getOriginalMessage()));
    }

    private YamlNode value(JsonParser parser, JsonToken token) throws IOException {
        ConfigLocation location = at(parser.currentTokenLocation());
        return switch (token) {
            case START_OBJECT -> mapping(parser, location);
            case START_ARRAY -> list(parser, location);
            case VALUE_STRING -> new YamlNode.ScalarNode(location, parser.getText(), YamlNode.ScalarType.STRING);
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT ->
                    new YamlNode.ScalarNode(location, parser.getText(), YamlNode.ScalarType.NUMBER);
            case VALUE_TRUE, VALUE_FALSE -> new YamlNode.ScalarNode(location, parser.getText(), YamlNode.ScalarType.BOOLEAN);
            case VALUE_NULL -> new YamlNode.ScalarNode(location, null, YamlNode.ScalarType.NULL);
            default -> new YamlNode.ScalarNode(location, parser.getText(), YamlNode.ScalarType.STRING);
        };
    }

    private YamlNode mapping(JsonParser parser, ConfigLocation location) throws IOException {
        Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_OBJECT) {
            String key = parser.currentName();
            ConfigLocation keyLocation = at(parser.currentTokenLocation());
            YamlNode value = value(parser, parser.nextToken());
            YamlNode.Entry previous = entries.get(key);
            if (previous != null) {
                errors.add(new ConfigError(keyLocation, key,
                        "duplicate key (first defined at line " + previous.keyLocation().line() + ")"));
                continue;
            }
            entries.put(key, new YamlNode.Entry(keyLocation, value));
            if (token == null) {
                break;
            }
        }
        return new YamlNode.MapNode(location, entries);
    }

    private YamlNode list(JsonParser parser, ConfigLocation location) throws IOException {
        List<YamlNode> items = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            items.add(value(parser, token));
        }
        return new YamlNode.ListNode(location, items);
    }

    private ConfigLocation at(JsonLocation location) {
        if (location == null) {
            return new ConfigLocation(file, 1, 1);
        }
        return new ConfigLocation(file, Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "syntax error";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
