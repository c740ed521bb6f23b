package io.jenkins.plugins.imagefactory.api;

import java.util.Optional;

/**
 * Who may make the reads that spend the host's own credentials: registry tags (registry
 * credentials, Docker Hub pull budget) and build runs (the GitHub token). Decided by the host; the
 * routes only ask. Plain status reads are the host's ordinary read access.
 */
@FunctionalInterface
public interface ReadAccess {

    /** Empty when the request may make such a read; otherwise the answer to give (401, 403 or 404). */
    Optional<ApiResponse> denyCredentialedRead(ApiRequest request);

    /** Everyone who reached the route may: {@code serve}, where the API token or network guards the port. */
    static ReadAccess open() {
        return request -> Optional.empty();
    }
}
