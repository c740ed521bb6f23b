package io.jenkins.plugins.imagefactory.state;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a new digest came to our attention. */
public enum DetectedBy {
    /** the periodic digest check */
    POLL,
    /** a registry webhook hinted at it and a check confirmed it */
    WEBHOOK,
    /** a person or pipeline step said so (CLI, Jenkins step) and a check confirmed it */
    MANUAL;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static DetectedBy fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
