package io.jenkins.plugins.imagefactory.jenkins;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.security.ACL;
import io.jenkins.plugins.imagefactory.secret.Secret;
import io.jenkins.plugins.imagefactory.secret.SecretResolver;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * The core's secret port backed by Jenkins credentials: a reference from the config repo is a
 * global credentials id (or a registry host mapped to one), looked up as SYSTEM because the engine
 * acts for the controller, not for a user. Secret text becomes a token, username with password a
 * username/password pair; other kinds are not understood and resolve to nothing.
 */
public final class CredentialsSecretResolver implements SecretResolver {

    /** The kinds {@link #resolve} understands. */
    public static final CredentialsMatcher USABLE = CredentialsMatchers.anyOf(
            CredentialsMatchers.instanceOf(StringCredentials.class),
            CredentialsMatchers.instanceOf(StandardUsernamePasswordCredentials.class));

    private final Map<String, String> aliases;

    /** @param aliases reference (e.g. a registry host) → credentials id */
    public CredentialsSecretResolver(Map<String, String> aliases) {
        this.aliases = Map.copyOf(aliases);
    }

    @Override
    public Optional<Secret> resolve(String reference) {
        if (reference == null || reference.isBlank()) {
            return Optional.empty();
        }
        String id = aliases.getOrDefault(reference, reference);
        List<StandardCredentials> all = CredentialsProvider.lookupCredentialsInItemGroup(
                StandardCredentials.class, Jenkins.get(), ACL.SYSTEM2, List.of());
        StandardCredentials found = CredentialsMatchers.firstOrNull(all, CredentialsMatchers.withId(id));
        if (found instanceof StringCredentials text) {
            return Optional.of(Secret.token(text.getSecret().getPlainText()));
        }
        if (found instanceof StandardUsernamePasswordCredentials pair) {
            return Optional.of(Secret.usernamePassword(pair.getUsername(), pair.getPassword().getPlainText()));
        }
        return Optional.empty();
    }

    /** Whether {@code id} names credentials of a kind this resolver understands; for form validation. */
    public boolean knows(String id) {
        return resolve(id).isPresent();
    }
}
