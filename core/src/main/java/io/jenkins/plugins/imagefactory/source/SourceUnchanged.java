package io.jenkins.plugins.imagefactory.source;

import java.util.Objects;

/**
 * A file not read again: its branch tip is still the commit the caller says it already read the
 * file at, so the content is what the caller has (an idle cycle reads no Dockerfile).
 *
 * @param request  what was asked for
 * @param commitId the branch tip, the commit the caller knew
 */
public record SourceUnchanged(SourceRequest request, String commitId) implements SourceResult {

    public SourceUnchanged {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(commitId, "commitId");
    }
}
