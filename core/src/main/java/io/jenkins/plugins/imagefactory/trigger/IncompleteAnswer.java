package io.jenkins.plugins.imagefactory.trigger;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Names what was missing when a client library tripped over an answer with a field left out. */
final class IncompleteAnswer {

    // Helpful NullPointerException messages: ... because "this.owner" is null
    private static final Pattern NULL_FIELD = Pattern.compile("because \"(?:[^\"]*\\.)?([^\".]+)\" is null");

    private IncompleteAnswer() {
    }

    static String describe(RuntimeException e) {
        if (e instanceof NullPointerException && e.getMessage() != null) {
            Matcher field = NULL_FIELD.matcher(e.getMessage());
            if (field.find()) {
                return "the field \"" + field.group(1) + "\" is missing or null";
            }
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
