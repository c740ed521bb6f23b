package io.jenkins.plugins.imagefactory.jenkins;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import hudson.security.ACL;
import io.jenkins.plugins.imagefactory.secret.Secret;
import io.jenkins.plugins.imagefactory.secret.SecretResolver;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * The engine's secret port backed by Jenkins credentials, looked up as SYSTEM (the engine acts for
 * the controller, not for a user). A resolver knows only the references it was built with:
 * {@link #mapped} for what the config repo names (only what an administrator mapped), {@link #chosen}
 * for the ids an administrator picked on the configuration page. When the engine says where a
 * secret goes, that URI is a domain requirement, so credentials kept in a host-restricted domain are
 * never handed out for another host. Secret text becomes a token, username with password a pair.
 */
public final class CredentialsSecretResolver implements SecretResolver {

    /** The kinds this resolver understands. */
    public static final CredentialsMatcher USABLE = CredentialsMatchers.anyOf(
            CredentialsMatchers.instanceOf(StringCredentials.class),
            CredentialsMatchers.instanceOf(StandardUsernamePasswordCredentials.class));

    /** Usage is fingerprinted at most this often per credentials id: a cycle resolves secrets many times. */
    private static final Duration TRACK_EVERY = Duration.ofHours(1);
    private static final Map<String, Instant> LAST_TRACKED = new ConcurrentHashMap<>();

    private final UnaryOperator<String> idOf;

    private CredentialsSecretResolver(UnaryOperator<String> idOf) {
        this.idOf = idOf;
    }

    /** Config repo references: only those in {@code idsByReference} (reference → credentials id) resolve. */
    public static CredentialsSecretResolver mapped(Map<String, String> idsByReference) {
        Map<String, String> copy = Map.copyOf(idsByReference);
        return new CredentialsSecretResolver(copy::get);
    }

    /** Credentials ids an administrator chose on the configuration page, used as given. */
    public static CredentialsSecretResolver chosen() {
        return new CredentialsSecretResolver(id -> id);
    }

    /** Whether this resolver would look {@code reference} up at all (mapped, for {@link #mapped}). */
    public boolean knows(String reference) {
        return reference != null && !reference.isBlank() && idOf.apply(reference) != null;
    }

    @Override
    public Optional<Secret> resolve(String reference) {
        return resolve(reference, null);
    }

    /** The secret for {@code reference} when it is to be sent to {@code target} (null: not said). */
    public Optional<Secret> resolve(String reference, URI target) {
        if (!knows(reference)) {
            return Optional.empty();
        }
        String id = idOf.apply(reference);
        List<DomainRequirement> requirements = target == null ? List.of()
                : URIRequirementBuilder.fromUri(target.toString()).build();
        List<StandardCredentials> all = CredentialsProvider.lookupCredentialsInItemGroup(
                StandardCredentials.class, Jenkins.get(), ACL.SYSTEM2, requirements);
        StandardCredentials found = CredentialsMatchers.firstOrNull(all, CredentialsMatchers.withId(id));
        if (found == null) {
            return Optional.empty();
        }
        track(id, found);
        if (found instanceof StringCredentials text) {
            return Optional.of(Secret.token(text.getSecret().getPlainText()));
        }
        if (found instanceof StandardUsernamePasswordCredentials pair) {
            return Optional.of(Secret.usernamePassword(pair.getUsername(), pair.getPassword().getPlainText()));
        }
        return Optional.empty();
    }

    /** Records, in the credentials' fingerprint, that this controller used them. */
    private static void track(String id, StandardCredentials credentials) {
        Instant now = Instant.now();
        Instant last = LAST_TRACKED.get(id);
        if (last == null || Duration.between(last, now).compareTo(TRACK_EVERY) >= 0) {
            LAST_TRACKED.put(id, now);
            CredentialsProvider.track(Jenkins.get(), credentials);
        }
    }
}
