package io.jenkins.plugins.imagefactory.webhook;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Reads a webhook body as JSON and hands out typed fields, failing with the JSON Pointer of the
 * field that was missing or of the wrong type.
 */
final class JsonPayload {

    /** Real payloads nest less than 10 deep; a low limit stops nesting bombs cheaply. */
    static final int MAX_NESTING_DEPTH = 64;
    /** Epoch seconds beyond year 9999 are not a push time, whatever the sender says. */
    private static final long MAX_EPOCH_SECONDS = 253_402_300_799L;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .maxNumberLength(64)
                            .build())
                    .build())
            // Two values for one key would let a signer and a reader disagree on what was sent.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonPayload() {
    }

    /** The body as a JSON object. */
    static JsonNode parseObject(byte[] body) throws PayloadException {
        if (body.length == 0) {
            throw new PayloadException("body is empty; expected a JSON object");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            String hint = startsWith(body, "payload=")
                    ? " (the sender posts form data; set its content type to application/json)" : "";
            throw new PayloadException("body is not valid JSON" + where + ": " + e.getOriginalMessage() + hint);
        } catch (IOException e) {
            throw new PayloadException("body could not be read as JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new PayloadException("body is JSON but not an object; expected {...}");
        }
        return root;
    }

    static JsonNode requireObject(JsonNode parent, String path, String field) throws PayloadException {
        JsonNode node = parent.get(field);
        String at = path + "/" + field;
        if (node == null || node.isNull()) {
            throw new PayloadException("missing field " + at + " (expected an object)");
        }
        if (!node.isObject()) {
            throw new PayloadException("field " + at + " must be an object but is " + describe(node));
        }
        return node;
    }

    static Optional<JsonNode> optionalObject(JsonNode parent, String path, String field) throws PayloadException {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            throw new PayloadException("field " + path + "/" + field + " must be an object but is " + describe(node));
        }
        return Optional.of(node);
    }

    static JsonNode requireArray(JsonNode parent, String path, String field) throws PayloadException {
        JsonNode node = parent.get(field);
        String at = path + "/" + field;
        if (node == null || node.isNull()) {
            throw new PayloadException("missing field " + at + " (expected an array)");
        }
        if (!node.isArray()) {
            throw new PayloadException("field " + at + " must be an array but is " + describe(node));
        }
        return node;
    }

    /** A non-empty string. */
    static String requireText(JsonNode parent, String path, String field) throws PayloadException {
        return optionalText(parent, path, field).orElseThrow(
                () -> new PayloadException("missing field " + path + "/" + field + " (expected a non-empty string)"));
    }

    /** A string when present and non-empty; absent, {@code null} and {@code ""} are all empty. */
    static Optional<String> optionalText(JsonNode parent, String path, String field) throws PayloadException {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw new PayloadException("field " + path + "/" + field + " must be a string but is " + describe(node));
        }
        String text = node.textValue();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /** Seconds since the epoch, integral or fractional (Docker Hub has sent both). */
    static Optional<Instant> optionalEpochSeconds(JsonNode parent, String path, String field) throws PayloadException {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        String at = path + "/" + field;
        if (!node.isNumber()) {
            throw new PayloadException("field " + at + " must be a number of epoch seconds but is " + describe(node));
        }
        double seconds = node.doubleValue();
        if (!(seconds >= 0 && seconds <= MAX_EPOCH_SECONDS)) {
            throw new PayloadException("field " + at + " is " + node.asText() + ", not epoch seconds between 1970 and 9999");
        }
        long whole = (long) seconds;
        return Optional.of(Instant.ofEpochSecond(whole, Math.round((seconds - whole) * 1e9) % 1_000_000_000L));
    }

    /** An RFC 3339 timestamp such as {@code 2016-03-09T14:44:26.402973972-08:00}. */
    static Optional<Instant> optionalTimestamp(JsonNode parent, String path, String field) throws PayloadException {
        Optional<String> text = optionalText(parent, path, field);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text.get()).toInstant());
        } catch (DateTimeException e) {
            throw new PayloadException("field " + path + "/" + field + " is " + Untrusted.quote(text.get())
                    + ", not an RFC 3339 timestamp");
        }
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static boolean startsWith(byte[] body, String prefix) {
        if (body.length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (body[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
