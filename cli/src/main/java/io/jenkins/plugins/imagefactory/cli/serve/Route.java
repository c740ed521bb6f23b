package io.jenkins.plugins.imagefactory.cli.serve;

import java.util.Optional;

/** One group of routes: answers the requests whose path it owns, and says nothing about the rest. */
interface Route {

    /** The answer, or empty when the path is not this group's. */
    Optional<Response> handle(Request request) throws Exception;
}
