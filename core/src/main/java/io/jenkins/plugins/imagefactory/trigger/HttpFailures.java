package io.jenkins.plugins.imagefactory.trigger;

/** How build-system answers are quoted in messages: short, one line, no control characters. */
final class HttpFailures {

    private HttpFailures() {
    }

    static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        String clean = body.replaceAll("\\p{Cntrl}+", "").replaceAll(" {2,}", " ").strip();
        return clean.length() <= 300 ? clean : clean.substring(0, 297) + "...";
    }

    /** 429 and 5xx may succeed later; everything else is a configuration problem. */
    static boolean isTransient(int status) {
        return status == 429 || status >= 500 || status == 0;
    }
}
