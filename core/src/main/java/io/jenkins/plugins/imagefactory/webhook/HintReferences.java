package io.jenkins.plugins.imagefactory.webhook;

import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.image.InvalidReferenceException;
import java.util.regex.Pattern;

/**
 * Builds a hint's reference from the parts a payload names. Each part is checked on its own
 * before they are joined, so that a tag such as {@code v1@sha256:...} or a repository such as
 * {@code app:latest} cannot smuggle a different tag or digest into the joined text.
 */
final class HintReferences {

    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128}");

    private HintReferences() {
    }

    /**
     * @param where  the JSON Pointer the parts came from, for the error message
     * @param digest {@code null} when the payload names none
     */
    static ImageReference of(String where, String registryHost, String repository, String tag, String digest)
            throws PayloadException {
        if (repository.indexOf(':') >= 0 || repository.indexOf('@') >= 0) {
            throw new PayloadException("repository " + Untrusted.quote(repository) + " at " + where
                    + " must not contain ':' or '@'");
        }
        if (!TAG.matcher(tag).matches()) {
            throw new PayloadException("tag " + Untrusted.quote(tag) + " at " + where
                    + " is not a valid tag (expected [A-Za-z0-9_][A-Za-z0-9_.-]{0,127})");
        }
        if (digest != null && !DIGEST.matcher(digest).matches()) {
            throw new PayloadException("digest " + Untrusted.quote(digest) + " at " + where
                    + " is not sha256:<64 hex> or sha512:<128 hex>");
        }
        String text = registryHost + "/" + repository + ":" + tag + (digest == null ? "" : "@" + digest);
        ImageReference reference;
        try {
            reference = ImageReference.parse(text);
        } catch (InvalidReferenceException e) {
            throw new PayloadException("repository " + Untrusted.quote(repository) + " at " + where
                    + " does not make a valid image reference: " + e.reason());
        }
        if (!reference.registry().equals(registryHost)) {
            // Only possible when the repository's first segment looks like a host: the payload
            // would be pointing the check at another registry.
            throw new PayloadException("repository " + Untrusted.quote(repository) + " at " + where
                    + " names another registry");
        }
        return reference;
    }
}
