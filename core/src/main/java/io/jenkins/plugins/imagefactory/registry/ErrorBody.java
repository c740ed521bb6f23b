package io.jenkins.plugins.imagefactory.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.imagefactory.secret.KnownSecrets;
import java.io.IOException;

/**
 * The error code and message a registry or API put in its error body: the distribution spec's
 * {@code {"errors":[{"code":..,"message":..}]}}, or the {@code {"message":..}} of Docker Hub's and
 * GitHub's APIs. Unknown shapes give nulls; the status alone then tells the story.
 */
record ErrorBody(String code, String message) {

    private static final int MAX_MESSAGE = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    static ErrorBody parse(byte[] body) {
        if (body == null || body.length == 0) {
            return new ErrorBody(null, null);
        }
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode first = root.path("errors").path(0);
            if (first.isObject()) {
                return new ErrorBody(text(first.get("code")), text(first.get("message")));
            }
            if (root.isObject()) {
                return new ErrorBody(text(root.get("errinfo") != null ? root.path("errinfo").get("code") : null),
                        text(root.get("message")));
            }
        } catch (IOException notJson) {
            // fall through: a proxy's HTML page says nothing useful about the registry's view
        }
        return new ErrorBody(null, null);
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull() || !node.isValueNode()) {
            return null;
        }
        return KnownSecrets.excerpt(node.asText(), MAX_MESSAGE);
    }
}
