package io.jenkins.plugins.imagefactory.jenkins;

import io.jenkins.plugins.imagefactory.api.ApiRequest;
import io.jenkins.plugins.imagefactory.api.ApiResponse;
import io.jenkins.plugins.imagefactory.api.ReadAccess;
import java.util.Optional;
import jenkins.model.Jenkins;

/**
 * Registry tags and build runs are fetched with this controller's credentials, so reading them
 * needs Image Factory/View, which Overall/Read does not imply. A JSON 403 that names the user and
 * the permission, as the write routes answer.
 */
final class JenkinsReadAccess implements ReadAccess {

    @Override
    public Optional<ApiResponse> denyCredentialedRead(ApiRequest request) {
        if (Jenkins.get().hasPermission(ImageFactoryPermissions.VIEW)) {
            return Optional.empty();
        }
        return Optional.of(ApiResponse.error(403, Jenkins.getAuthentication2().getName()
                + " is missing the Image Factory/View permission (registry tags and build runs are read with this "
                + "controller's credentials)"));
    }
}
