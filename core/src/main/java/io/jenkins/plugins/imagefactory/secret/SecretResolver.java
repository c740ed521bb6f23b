package io.jenkins.plugins.imagefactory.secret;

import java.net.URI;
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

    /**
     * The secret the reference names, for a call to {@code target}: the URI the secret will be sent
     * to (a registry, the GitHub API, a remote Jenkins, a webhook, a git repository). A host may use
     * it to scope credentials (Jenkins' credentials domains); the default ignores it. The engine
     * always calls this form before a network call.
     */
    default Optional<Secret> resolve(String reference, URI target) {
        return resolve(reference);
    }

    /** How a person defines {@code reference} on this host, for messages about one that is missing. */
    default String howToDefine(String reference) {
        return "define credentials with the id " + reference + " on this host";
    }

    /** A resolver that knows no secrets: everything is anonymous. */
    static SecretResolver none() {
        return reference -> Optional.empty();
    }
}
