package io.jenkins.plugins.imagefactory.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One digest a tag has pointed at. History is appended, never rewritten (Req 3.3).
 *
 * @param digest     manifest or index digest
 * @param platforms  per-platform manifest digests for the platforms we build, by {@code os/arch}
 * @param firstSeen  when we first saw it
 * @param pushedAt   when the registry says it was pushed, or {@code null}; the rebuild delay counts from this
 * @param detectedBy how we learned of it
 */
@JsonPropertyOrder({"digest", "platforms", "firstSeen", "pushedAt", "detectedBy"})
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record DigestRecord(String digest, Map<String, String> platforms, Instant firstSeen, Instant pushedAt,
                           DetectedBy detectedBy) {

    public DigestRecord {
        platforms = platforms == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(platforms));
    }

    /** When the rebuild delay starts: the registry's push time when known, else when we first saw it. */
    public Instant agedFrom() {
        return pushedAt != null ? pushedAt : firstSeen;
    }
}
