package io.jenkins.plugins.imagefactory.secret;

import io.jenkins.plugins.imagefactory.config.BuildSpec;
import io.jenkins.plugins.imagefactory.config.Enrollment;
import io.jenkins.plugins.imagefactory.config.GlobalSettings;
import io.jenkins.plugins.imagefactory.config.ImageFactoryConfig;
import io.jenkins.plugins.imagefactory.config.RegistrySettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every credentials reference a config names, and which of them a host cannot resolve: reported
 * once per reference, with where it is used and how to define it, instead of once per image that
 * then fails.
 */
public final class CredentialsReferences {

    private CredentialsReferences() {
    }

    /** One line per reference {@code secrets} cannot resolve: {@code REG_CREDS (used by …) is not set: set …}. */
    public static List<String> missing(ImageFactoryConfig config, SecretResolver secrets) {
        List<String> out = new ArrayList<>();
        uses(config).forEach((reference, users) -> {
            if (secrets.resolve(reference).isEmpty()) {
                out.add("credentials reference " + reference + " (used by " + String.join(", ", users) + ") is not set: "
                        + secrets.howToDefine(reference));
            }
        });
        return out;
    }

    /** Each reference with what uses it, in config order. */
    static Map<String, List<String>> uses(ImageFactoryConfig config) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        GlobalSettings settings = config.settings();
        for (RegistrySettings registry : settings.registries()) {
            add(out, registry.credentials(), "registry " + registry.host());
        }
        for (GlobalSettings.SourceAccess access : settings.sources()) {
            add(out, access.credentials(), "sources under " + access.prefix());
        }
        settings.gitHub().ifPresent(github -> add(out, github.credentials(), "buildSystems.github"));
        settings.remoteJenkins().ifPresent(jenkins -> add(out, jenkins.credentials(), "buildSystems.jenkins"));
        for (Enrollment enrollment : config.enrollments()) {
            if (enrollment.build() instanceof BuildSpec.Webhook webhook) {
                add(out, webhook.secret(), "the build webhook of " + enrollment.name());
            }
        }
        return out;
    }

    private static void add(Map<String, List<String>> out, String reference, String user) {
        if (reference != null && !reference.isEmpty()) {
            out.computeIfAbsent(reference, r -> new ArrayList<>()).add(user);
        }
    }
}
