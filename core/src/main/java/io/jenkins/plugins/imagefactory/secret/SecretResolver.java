package io.jenkins.plugins.imagefactory.secret;

import java.util.Optional;

/**
 * The port through which the engine turns a credentials <em>reference</em> from the config repo
 * (an environment variable name in the CLI, a credentials id in Jenkins) into a secret. The config
 * repo never holds secret values; hosts implement this.
 */
@FunctionalInterface
public interface SecretResolver {

    /** The secret the reference names, or empty when the host knows no such reference. */
    Optional<Secret> resolve(String reference);

    /** How a person defines {@code reference} on this host, for messages about one that is missing. */
    default String howToDefine(String reference) {
        return "define credentials with the id " + reference + " on this host";
    }

    /** A resolver that knows no secrets: everything is anonymous. */
    static SecretResolver none() {
        return reference -> Optional.empty();
    }
}
