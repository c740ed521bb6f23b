package io.jenkins.plugins.imagefactory.api;

import java.util.Optional;

/**
 * Who may use the write routes, decided by the host: a bearer token for {@code serve}, the
 * Rebuild permission in Jenkins. The routes themselves know nothing of either.
 */
public interface WriteAccess {

    /** Empty when the request may write; otherwise the answer to give (401, 403 or 404). */
    Optional<ApiResponse> deny(ApiRequest request);

    /** Who the audit log names for this request's writes, e.g. {@code api} or {@code jenkins:alice}. */
    String actor(ApiRequest request);
}
