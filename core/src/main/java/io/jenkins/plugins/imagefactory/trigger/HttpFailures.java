package io.jenkins.plugins.imagefactory.trigger;

import io.jenkins.plugins.imagefactory.secret.KnownSecrets;

/** How build-system answers are quoted in messages: short, one line, no control characters. */
final class HttpFailures {

    private HttpFailures() {
    }

    static String excerpt(String body) {
        return KnownSecrets.excerpt(body, 300);
    }

    /** 429 and 5xx may succeed later; everything else is a configuration problem. */
    static boolean isTransient(int status) {
        return status == 429 || status >= 500 || status == 0;
    }
}
