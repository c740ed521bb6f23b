package io.jenkins.plugins.imagefactory.jenkins;

import io.jenkins.plugins.imagefactory.config.CredentialsReferences;
import io.jenkins.plugins.imagefactory.secret.Secret;
import io.jenkins.plugins.imagefactory.webhook.WebhookEndpoint;
import io.jenkins.plugins.imagefactory.webhook.WebhookKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import jenkins.util.SystemProperties;

/**
 * What is wrong with the settings of the configuration page, field by field: one judge for the
 * form's live checks, for Save (which refuses the whole form and changes nothing) and for settings
 * that arrive by configuration as code (shown on the Image Factory page until fixed).
 */
final class SettingsProblems {

    /**
     * {@code file://} and plain-path repositories read the controller's own disk; like the git plugin
     * (SECURITY-2478), they are refused unless this system property is {@code true}.
     */
    static final String ALLOW_LOCAL_REPOSITORIES = ImageFactoryConfiguration.class.getName() + ".ALLOW_LOCAL_REPOSITORIES";

    private static final Pattern SCP_LIKE = Pattern.compile("^(?:[^@/\\s]+@)?[^:/\\s]{2,}:(?!//).*");

    /** One problem: the form field it belongs to and what is wrong. */
    record Problem(String field, String message) {
        @Override
        public String toString() {
            return field + ": " + message;
        }
    }

    private SettingsProblems() {
    }

    static List<Problem> of(ImageFactoryConfiguration.Values values) {
        List<Problem> problems = new ArrayList<>();
        repositoryUrl(values.repositoryUrl()).ifPresent(m -> problems.add(new Problem("repositoryUrl", m)));
        syncInterval(values.syncIntervalMinutes()).ifPresent(m -> problems.add(new Problem("syncIntervalMinutes", m)));
        gitHubApiUrl(values.gitHubApiUrl()).ifPresent(m -> problems.add(new Problem("gitHubApiUrl", m)));
        for (RegistryWebhook webhook : values.registryWebhooks()) {
            registryWebhook(webhook.getKind(), webhook.getRegistryHost())
                    .ifPresent(m -> problems.add(new Problem("registryWebhooks", m)));
            if (webhook.getCredentialsId().isEmpty()) {
                problems.add(new Problem("registryWebhooks", "the " + webhook.getKind() + " webhook has no secret credentials"));
            }
        }
        Set<String> references = new HashSet<>();
        for (CredentialMapping mapping : values.credentialMappings()) {
            reference(mapping.getReference()).ifPresent(m -> problems.add(new Problem("credentialMappings", m)));
            if (!references.add(mapping.getReference())) {
                problems.add(new Problem("credentialMappings", "the reference \"" + mapping.getReference()
                        + "\" is mapped twice; map each reference once"));
            }
            if (mapping.getCredentialsId().isEmpty()) {
                problems.add(new Problem("credentialMappings", "the reference \"" + mapping.getReference()
                        + "\" is mapped to no credentials"));
            }
        }
        return problems;
    }

    static Optional<String> repositoryUrl(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String url = value.trim();
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("https://") || lower.startsWith("http://")) {
            return Optional.empty();
        }
        if (lower.startsWith("ssh://") || lower.startsWith("git+ssh://") || SCP_LIKE.matcher(url).matches()
                && !lower.startsWith("file:")) {
            return Optional.of("\"" + url + "\" is an ssh URL, which cannot authenticate with Jenkins credentials here "
                    + "(it would use the controller's own ssh keys); use the repository's https URL with username and "
                    + "password or token credentials");
        }
        if (lower.startsWith("file:") || url.startsWith("/") || url.startsWith(".")) {
            return localAllowed() ? Optional.empty() : Optional.of("\"" + url + "\" is a repository on the controller's "
                    + "own disk; those are refused unless Jenkins runs with -D" + ALLOW_LOCAL_REPOSITORIES + "=true");
        }
        return Optional.of("\"" + url + "\" is not a git URL Image Factory can use here; expected https:// (or http://)");
    }

    static boolean localAllowed() {
        return SystemProperties.getBoolean(ALLOW_LOCAL_REPOSITORIES);
    }

    static Optional<String> syncInterval(int minutes) {
        return minutes >= 1 ? Optional.empty()
                : Optional.of("the sync interval is at least 1 minute, got " + minutes);
    }

    static Optional<String> gitHubApiUrl(String value) {
        if (value == null || value.isBlank() || value.startsWith("https://") || value.startsWith("http://")) {
            return Optional.empty();
        }
        return Optional.of("the GitHub API URL starts with https://, e.g. https://api.github.com or "
                + "https://github.example.com/api/v3; got \"" + value + "\"");
    }

    static Optional<String> registryWebhook(String kind, String registryHost) {
        Optional<WebhookKind> parsed = WebhookKind.fromPathSegment(kind == null ? "" : kind);
        if (parsed.isEmpty()) {
            return Optional.of("registry webhook kind \"" + kind + "\" is unknown; expected distribution, ghcr, dockerhub "
                    + "or harbor");
        }
        if (parsed.get() == WebhookKind.GHCR || parsed.get() == WebhookKind.DOCKERHUB) {
            return Optional.empty();
        }
        if (registryHost == null || registryHost.isBlank()) {
            return Optional.of("a " + kind + " webhook needs the registry host its pushes are about, e.g. "
                    + "registry.example.com:5000");
        }
        try {
            WebhookEndpoint.distribution(registryHost.trim(), Secret.token("probe"));
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    static Optional<String> reference(String value) {
        return CredentialsReferences.problem(value);
    }
}
