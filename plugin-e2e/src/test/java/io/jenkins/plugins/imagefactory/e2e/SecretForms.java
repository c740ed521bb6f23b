package io.jenkins.plugins.imagefactory.e2e;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shapes a secret takes when it leaks: as is, URL-encoded (a token in a query string),
 * HTML- or XML-escaped (a page, a config file), base64 (alone, or as the {@code user:password} of a
 * basic Authorization header). Each form maps to a description naming the secret, never the secret.
 */
final class SecretForms {

    private SecretForms() {
    }

    /** {@code secrets}: label → value; {@code basicAuth}: label → {@code user:password} pairs sent as basic auth. */
    static Map<String, String> of(Map<String, String> secrets, Map<String, String> basicAuth) {
        Map<String, String> forms = new LinkedHashMap<>();
        secrets.forEach((label, value) -> {
            for (String form : List.of(value, URLEncoder.encode(value, StandardCharsets.UTF_8),
                    URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"),
                    value.replace("'", "&#39;"), value.replace("'", "&#039;"), value.replace("'", "&apos;"),
                    base64(value))) {
                forms.putIfAbsent(form, label);
            }
        });
        basicAuth.forEach((label, pair) -> forms.putIfAbsent(base64(pair), label + " as basic auth"));
        return forms;
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
