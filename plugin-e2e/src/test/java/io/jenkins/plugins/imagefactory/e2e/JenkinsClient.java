package io.jenkins.plugins.imagefactory.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * HTTP to a {@link RealJenkins} as one user (or anonymous): basic authentication with the user's
 * password, a session cookie, and the CSRF crumb Jenkins wants on form POSTs (fetched once per
 * session, as a browser's page would carry it).
 */
final class JenkinsClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private final RealJenkins jenkins;
    private final String user;
    private final String password;
    private final HttpClient http;
    private Map.Entry<String, String> crumb;

    private JenkinsClient(RealJenkins jenkins, String user, String password) {
        this.jenkins = jenkins;
        this.user = user;
        this.password = password;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    static JenkinsClient as(RealJenkins jenkins, String user, String password) {
        return new JenkinsClient(jenkins, user, password);
    }

    static JenkinsClient anonymous(RealJenkins jenkins) {
        return new JenkinsClient(jenkins, null, null);
    }

    String user() {
        return user == null ? "anonymous" : user;
    }

    /** A response, read whole. */
    record Answer(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (HTTP " + status + "): " + body, e);
            }
        }

        Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }

        @Override
        public String toString() {
            return "HTTP " + status + " " + (body.length() > 600 ? body.substring(0, 600) + "…" : body);
        }
    }

    Answer get(String path) {
        return send(request(path).GET());
    }

    /** A POST with the crumb (what a browser form or a script console call sends). */
    Answer post(String path, String contentType, String body) {
        HttpRequest.Builder request = request(path).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        Map.Entry<String, String> crumb = crumb();
        if (crumb != null) {
            request.header(crumb.getKey(), crumb.getValue());
        }
        return send(request);
    }

    /** A POST without a crumb and without a session, as a registry or GitHub sends webhooks. */
    Answer postWithoutCrumb(String path, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(jenkins.url(path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new IllegalStateException("POST " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Answer postForm(String path, Map<String, String> fields) {
        return post(path, "application/x-www-form-urlencoded", form(fields));
    }

    Answer postJson(String path, String json) {
        return post(path, "application/json", json);
    }

    /** Runs Groovy in the script console (needs Overall/Administer) and returns what it printed. */
    String groovy(String script) {
        Answer answer = postForm("scriptText", Map.of("script", script));
        if (answer.status() != 200) {
            throw new IllegalStateException("script console answered " + answer + " to:\n" + script);
        }
        return answer.body();
    }

    JsonNode json(String path) {
        Answer answer = get(path);
        if (answer.status() != 200) {
            throw new AssertionError("GET " + path + " as " + user() + ": " + answer);
        }
        return answer.json();
    }

    private Map.Entry<String, String> crumb() {
        if (crumb == null) {
            Answer answer = get("crumbIssuer/api/json");
            if (answer.status() != 200) {
                return null;
            }
            JsonNode node = answer.json();
            crumb = Map.entry(node.get("crumbRequestField").asText(), node.get("crumb").asText());
        }
        return crumb;
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(jenkins.url(path)).timeout(Duration.ofSeconds(60));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return request;
    }

    private Answer send(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        try {
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new IllegalStateException(built.method() + " " + built.uri() + " as " + user() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String form(Map<String, String> fields) {
        return new LinkedHashMap<>(fields).entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    URI url(String path) {
        return jenkins.url(path);
    }
}
