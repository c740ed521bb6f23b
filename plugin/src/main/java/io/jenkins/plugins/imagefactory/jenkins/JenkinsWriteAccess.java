package io.jenkins.plugins.imagefactory.jenkins;

import io.jenkins.plugins.imagefactory.api.ApiRequest;
import io.jenkins.plugins.imagefactory.api.ApiResponse;
import io.jenkins.plugins.imagefactory.api.WriteAccess;
import java.util.Optional;
import jenkins.model.Jenkins;

/**
 * The API's write routes need Image Factory/Rebuild. A JSON 403 rather than Jenkins' access-denied
 * page, because the callers are API clients (Backstage's backend with a user's API token).
 */
final class JenkinsWriteAccess implements WriteAccess {

    @Override
    public Optional<ApiResponse> deny(ApiRequest request) {
        if (Jenkins.get().hasPermission(ImageFactoryPermissions.REBUILD)) {
            return Optional.empty();
        }
        return Optional.of(ApiResponse.error(403, Jenkins.getAuthentication2().getName()
                + " is missing the Image Factory/Rebuild permission"));
    }

    @Override
    public String actor(ApiRequest request) {
        return "jenkins:" + Jenkins.getAuthentication2().getName();
    }
}
