package io.jenkins.plugins.imagefactory.state;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one place that decides how state is written: stable key order, ISO-8601 times, no volatile
 * fields, so the same state always produces the same bytes and an idle cycle changes no file; and
 * no secret: every string written is redacted ({@link RedactedStrings}).
 */
public final class StateMapper {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new JavaTimeModule())
            .addModule(new SimpleModule("redacted-strings").addSerializer(String.class, new RedactedStrings()))
            .build();

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new JavaTimeModule())
            .addModule(new SimpleModule("redacted-strings").addSerializer(String.class, new RedactedStrings()))
            .build();

    private StateMapper() {
    }

    public static ObjectMapper yaml() {
        return YAML;
    }

    /** Compact JSON, one object per line in the event log and in APIs. */
    public static ObjectMapper json() {
        return JSON;
    }
}
