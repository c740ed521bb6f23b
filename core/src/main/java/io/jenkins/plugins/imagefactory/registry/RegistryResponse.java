package io.jenkins.plugins.imagefactory.registry;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.Optional;

/** A response read in full (bodies are small: manifests, token and tag JSON). */
record RegistryResponse(URI uri, int status, HttpHeaders headers, byte[] body) {

    Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
