package io.jenkins.plugins.imagefactory.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The error a registry or API put in its body: distribution's {@code {"errors":[{"code","message"}]}},
 * Docker Hub's {@code {"message","errinfo"}} and GitHub's {@code {"message"}}.
 */
record ErrorBody(String code, String message) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_TEXT = 300;

    static ErrorBody parse(byte[] body) {
        if (body == null || body.length == 0) {
            return new ErrorBody(null, null);
        }
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode errors = root.path("errors");
            if (errors.isArray() && !errors.isEmpty()) {
                JsonNode first = errors.get(0);
                return new ErrorBody(text(first.path("code")), text(first.path("message")));
            }
            String code = text(root.path("errcode"));
            if (code == null) {
                code = text(root.path("code"));
            }
            String message = text(root.path("message"));
            if (message == null) {
                message = text(root.path("detail"));
            }
            return new ErrorBody(code, message);
        } catch (IOException | RuntimeException notJson) {
            String text = new String(body, StandardCharsets.UTF_8).strip();
            return new ErrorBody(null, text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "…" : text);
        }
    }

    private static String text(JsonNode node) {
        return node.isValueNode() && !node.asText().isEmpty() ? node.asText() : null;
    }
}
