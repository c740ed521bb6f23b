package io.jenkins.plugins.imagefactory.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One line of the audit log ({@code state/events/YYYY-MM.jsonl}): every update, discovery change,
 * lifecycle transition, error, queueing, trigger and result (Req 10.3, 10.4).
 *
 * @param time    when it happened
 * @param kind    what happened: {@code update}, {@code discovery}, {@code tracked}, {@code promoted}, ...
 * @param image   the canonical reference it is about
 * @param actor   {@code system}, {@code webhook:<kind>}, or a user name
 * @param details kind-specific facts (old/new digest, platform, reason, ...)
 */
@JsonPropertyOrder({"time", "kind", "image", "actor", "details"})
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Event(Instant time, String kind, String image, String actor, Map<String, Object> details) {

    public static final String SYSTEM = "system";

    public Event {
        TreeMap<String, Object> present = new TreeMap<>();
        if (details != null) {
            details.forEach((key, value) -> {
                if (value != null) {
                    present.put(key, value);
                }
            });
        }
        details = java.util.Collections.unmodifiableMap(present);
    }

    public static Event of(Instant time, String kind, String image, Map<String, Object> details) {
        return new Event(time, kind, image, SYSTEM, details);
    }
}
