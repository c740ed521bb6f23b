package io.jenkins.plugins.imagefactory.api;

import java.util.Optional;

/** One group of routes: answers the requests whose path it owns, and says nothing about the rest. */
public interface ApiRoute {

    /** The answer, or empty when the path is not this group's. */
    Optional<ApiResponse> handle(ApiRequest request) throws Exception;
}
