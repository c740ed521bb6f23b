package io.jenkins.plugins.imagefactory.dockerfile;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The exec form of {@code RUN}, {@code CMD}, {@code COPY} …: arguments that are a JSON array. As
 * in BuildKit, text that is not valid JSON is simply the shell form, but a valid array holding
 * anything other than strings is an error.
 */
final class JsonForm {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonForm() {
    }

    /**
     * @return the strings, or {@code null} when {@code text} is not a JSON array
     * @throws IllegalArgumentException for an array with something other than strings in it
     */
    static List<String> parse(String text) {
        String trimmed = text.stripLeading();
        if (!trimmed.startsWith("[")) {
            return null;
        }
        JsonNode array;
        try {
            array = JSON.readTree(trimmed);
        } catch (IOException e) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (JsonNode element : array) {
            if (!element.isTextual()) {
                throw new IllegalArgumentException("when using JSON array syntax, arrays must be comprised of strings only");
            }
            out.add(element.textValue());
        }
        return out;
    }
}
