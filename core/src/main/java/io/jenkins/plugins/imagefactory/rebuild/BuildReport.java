package io.jenkins.plugins.imagefactory.rebuild;

import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.image.InvalidReferenceException;
import io.jenkins.plugins.imagefactory.config.UntrustedText;
import io.jenkins.plugins.imagefactory.status.Links;
import java.util.regex.Pattern;

/**
 * A build's result as its builder or a person reports it ({@code record-build}, the API, a pipeline
 * step), checked where it enters: anything here ends up in the config repo and on every page.
 *
 * @param success whether the build succeeded
 * @param key     the idempotency key the builder was sent, or {@code null} for "the image's current build"
 * @param digest  the digest the build pushed ({@code algorithm:hex}), or {@code null}
 * @param runUrl  the build's page ({@code http(s)://…} or a path on the build server), or {@code null}
 * @param actor   who reports
 * @param force   rewrite the result of a build that already finished
 */
public record BuildReport(boolean success, String key, String digest, String runUrl, String actor, boolean force) {

    /** The shape of the keys Image Factory hands out ({@code 3f9a1c2b7d4e5f60-1}), with room for other builders' ids. */
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    public BuildReport {
        if (key != null && !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("the build key must be the key the build was sent (letters, digits and"
                    + " . _ : -, at most 128), got " + UntrustedText.quote(key));
        }
        if (digest != null) {
            checkDigest(digest);
        }
        if (runUrl != null && Links.safeHref(runUrl) == null) {
            throw new IllegalArgumentException("the run URL must be an http(s) URL or a path on the build server"
                    + " (/job/app/3/), got " + UntrustedText.quote(runUrl));
        }
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("say who reports the result");
        }
    }

    /** {@code algorithm:hex} as image references carry it: {@code sha256:} and 64 lowercase hex digits. */
    private static void checkDigest(String digest) {
        if (digest.length() > 200 || digest.indexOf('@') >= 0 || digest.indexOf('/') >= 0) {
            throw new IllegalArgumentException("the digest must be algorithm:hex such as sha256:<64 hex digits>, got "
                    + UntrustedText.quote(digest));
        }
        try {
            ImageReference.parse("localhost/digest-check@" + digest);
        } catch (InvalidReferenceException e) {
            throw new IllegalArgumentException("the digest must be algorithm:hex such as sha256:<64 hex digits>, got "
                    + UntrustedText.quote(digest) + ": " + e.reason());
        }
    }
}
