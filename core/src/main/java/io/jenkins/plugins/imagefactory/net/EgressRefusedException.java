package io.jenkins.plugins.imagefactory.net;

import java.io.IOException;

/** A request (or a redirect) to a host {@code egress.allow} does not list: never sent, never worth retrying. */
public final class EgressRefusedException extends IOException {

    private static final long serialVersionUID = 1L;

    public EgressRefusedException(String message) {
        super(message);
    }
}
