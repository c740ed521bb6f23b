package io.jenkins.plugins.imagefactory.secret;

import java.util.Map;
import java.util.Optional;

/**
 * Resolves a reference {@code NAME} from environment variables: {@code NAME_USERNAME} with
 * {@code NAME_PASSWORD} (or {@code NAME_TOKEN}) give a username/password pair; {@code NAME} alone
 * gives a token. This is the standalone host's secret store.
 */
public final class EnvironmentSecretResolver implements SecretResolver {

    private final Map<String, String> environment;

    public EnvironmentSecretResolver(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public static EnvironmentSecretResolver fromSystem() {
        return new EnvironmentSecretResolver(System.getenv());
    }

    @Override
    public Optional<Secret> resolve(String reference) {
        if (reference == null || reference.isEmpty()) {
            return Optional.empty();
        }
        String username = environment.get(reference + "_USERNAME");
        String password = firstNonEmpty(environment.get(reference + "_PASSWORD"), environment.get(reference + "_TOKEN"));
        if (username != null && !username.isEmpty() && password != null) {
            return Optional.of(Secret.usernamePassword(username, password));
        }
        String token = firstNonEmpty(environment.get(reference), password);
        return Optional.ofNullable(token).map(Secret::token);
    }

    @Override
    public String howToDefine(String reference) {
        return "set the environment variable " + reference + " (a token), or " + reference + "_USERNAME with "
                + reference + "_PASSWORD (or " + reference + "_TOKEN)";
    }

    private static String firstNonEmpty(String a, String b) {
        if (a != null && !a.isEmpty()) {
            return a;
        }
        return b != null && !b.isEmpty() ? b : null;
    }
}
