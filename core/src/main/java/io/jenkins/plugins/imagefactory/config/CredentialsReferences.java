package io.jenkins.plugins.imagefactory.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every credentials reference a config names, with where it is written, so a host can tell in one
 * pass which of them its secret store does not know (an unset environment variable in the CLI, a
 * reference no Jenkins administrator has mapped) before any image is served without its secret.
 */
public final class CredentialsReferences {

    /**
     * One use of a reference.
     *
     * @param reference the name after {@code credentials:} (or {@code secret:})
     * @param where     file and field, e.g. {@code image-factory.yaml: registries[ghcr.io].credentials}
     */
    public record Use(String reference, String where) {
    }

    private CredentialsReferences() {
    }

    /** Why {@code value} cannot be a credentials reference, if it cannot. */
    public static Optional<String> problem(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of("a credentials reference is required (letters, digits, _ . -, e.g. GHCR_TOKEN)");
        }
        return Optional.ofNullable(SecretHeuristics.whyNotAReference(value.trim()));
    }

    /** In config order: settings first, then enrollments by file. */
    public static List<Use> of(ImageFactoryConfig config) {
        String settingsFile = ConfigLoader.GLOBAL_FILE;
        List<Use> uses = new ArrayList<>();
        GlobalSettings settings = config.settings();
        for (RegistrySettings registry : settings.registries()) {
            add(uses, registry.credentials(), settingsFile + ": registries[" + registry.host() + "].credentials");
        }
        for (GlobalSettings.SourceAccess source : settings.sources()) {
            add(uses, source.credentials(), settingsFile + ": sources[" + source.prefix() + "].credentials");
        }
        settings.gitHub().ifPresent(github -> add(uses, github.credentials(),
                settingsFile + ": buildSystems.github.credentials"));
        settings.remoteJenkins().ifPresent(jenkins -> add(uses, jenkins.credentials(),
                settingsFile + ": buildSystems.jenkins.credentials"));
        for (Enrollment enrollment : config.enrollments()) {
            if (enrollment.build() instanceof BuildSpec.Webhook webhook) {
                String file = enrollment.origin() == null ? "images" : enrollment.origin().toString();
                add(uses, webhook.secret(), file + ": " + enrollment.name() + ".build.webhook.secret");
            }
        }
        return List.copyOf(uses);
    }

    private static void add(List<Use> uses, String reference, String where) {
        if (reference != null && !reference.isBlank()) {
            uses.add(new Use(reference, where));
        }
    }
}
