package io.jenkins.plugins.imagefactory.source;

import java.util.Map;
import java.util.Optional;

/**
 * Which credentials reference (for the host's {@code SecretResolver}) a repository URL is fetched
 * with. Only https URLs use credentials; file and local URLs never ask.
 */
@FunctionalInterface
public interface SourceCredentials {

    /** The credentials reference for the URL, or empty for anonymous access. */
    Optional<String> referenceFor(String repositoryUrl);

    /** Everything anonymous. */
    static SourceCredentials none() {
        return url -> Optional.empty();
    }

    /**
     * The reference of the longest URL prefix that matches, so {@code https://github.com/acme/}
     * can cover a whole organisation while one repository gets its own.
     */
    static SourceCredentials byUrlPrefix(Map<String, String> referenceByPrefix) {
        Map<String, String> copy = Map.copyOf(referenceByPrefix);
        return url -> copy.entrySet().stream()
                .filter(entry -> url.startsWith(entry.getKey()))
                .max((a, b) -> Integer.compare(a.getKey().length(), b.getKey().length()))
                .map(Map.Entry::getValue);
    }
}
