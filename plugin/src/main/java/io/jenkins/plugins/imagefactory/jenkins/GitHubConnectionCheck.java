package io.jenkins.plugins.imagefactory.jenkins;

import hudson.ProxyConfiguration;
import hudson.util.FormValidation;
import io.jenkins.plugins.imagefactory.retry.RetryPolicy;
import io.jenkins.plugins.imagefactory.secret.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.nio.charset.StandardCharsets;

/**
 * The "Test GitHub connection" button: {@code GET /rate_limit} with the token. GitHub answers it for
 * any valid token without spending quota, and with 401 for a bad one, so it proves both the API URL
 * and the credentials.
 */
final class GitHubConnectionCheck {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private GitHubConnectionCheck() {
    }

    static FormValidation check(String apiUrl, Secret secret) {
        URI uri;
        try {
            uri = URI.create(apiUrl.replaceAll("/+$", "") + "/rate_limit");
        } catch (IllegalArgumentException e) {
            return FormValidation.error("Not a URL: \"" + apiUrl + "\"");
        }
        String authorization = secret.hasUsername()
                ? "Basic " + Base64.getEncoder().encodeToString((secret.username() + ":" + secret.value())
                        .getBytes(StandardCharsets.UTF_8))
                : "Bearer " + secret.value();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET()
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", "2022-11-28")
                .header("Authorization", authorization)
                .build();
        // through the controller's proxy; redirects are not followed (the token would go along)
        HttpClient client = ProxyConfiguration.newHttpClientBuilder().connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        RetryPolicy retry = RetryPolicy.standard();
        String lastProblem = "no attempt made";
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            try {
                if (attempt > 1) {
                    retry.pauseBefore(attempt);
                }
                HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                int status = response.statusCode();
                if (status == 200) {
                    String remaining = response.headers().firstValue("X-RateLimit-Remaining").orElse("?");
                    return FormValidation.ok("Connected to " + apiUrl + " (" + remaining + " requests left this hour)");
                }
                if (status == 401) {
                    return FormValidation.error(apiUrl + " refused the credentials (401 Bad credentials)");
                }
                lastProblem = apiUrl + " answered " + status;
                if (status < 500 && status != 429) {
                    return FormValidation.error(lastProblem);
                }
            } catch (IOException e) {
                lastProblem = "cannot reach " + apiUrl + ": " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return FormValidation.error("Interrupted while testing " + apiUrl);
            }
        }
        return FormValidation.error(lastProblem + " (after " + retry.maxAttempts() + " attempts)");
    }
}
