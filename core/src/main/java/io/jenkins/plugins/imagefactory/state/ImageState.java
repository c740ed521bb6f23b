package io.jenkins.plugins.imagefactory.state;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The runtime data Image Factory keeps for one tracked image, one file per image. Config is never
 * copied in here: the enrollment is looked up by reference and merged over this when read. Rebuild
 * bookkeeping is per enrollment (one build publishes all its tags), in {@link RebuildState}.
 *
 * @param ref       canonical reference
 * @param role      {@code managed}, {@code base} or {@code managed+base} as of the last cycle
 * @param digest    current digest, or {@code null} before the first successful check
 * @param platforms current per-platform digests
 * @param history   every digest seen, oldest first
 * @param discovery for managed images, the last discovery
 * @param error     why the last digest check failed, or {@code null}
 * @param builtFrom for managed images, the base the current digest's annotations name, or {@code null}
 */
@JsonPropertyOrder({"ref", "role", "digest", "platforms", "builtFrom", "error", "discovery", "history"})
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ImageState(String ref, String role, String digest, Map<String, String> platforms,
                         List<DigestRecord> history, DiscoveryRecord discovery, ErrorRecord error, BuiltFrom builtFrom) {

    public ImageState {
        platforms = platforms == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(platforms));
        history = history == null ? List.of() : List.copyOf(history);
    }

    public static ImageState fresh(ImageReference reference, String role) {
        return new ImageState(reference.canonical(), role, null, Map.of(), List.of(), null, null, null);
    }

    @JsonIgnore
    public ImageReference reference() {
        return ImageReference.parse(ref);
    }

    @JsonIgnore
    public Optional<DigestRecord> current() {
        return history.isEmpty() ? Optional.empty() : Optional.of(history.get(history.size() - 1));
    }

    public ImageState withRole(String newRole) {
        return new ImageState(ref, newRole, digest, platforms, history, discovery, error, builtFrom);
    }

    public ImageState withDiscovery(DiscoveryRecord newDiscovery) {
        return new ImageState(ref, role, digest, platforms, history, newDiscovery, error, builtFrom);
    }

    public ImageState withError(ErrorRecord newError) {
        return new ImageState(ref, role, digest, platforms, history, discovery, newError, builtFrom);
    }

    public ImageState withBuiltFrom(BuiltFrom newBuiltFrom) {
        return new ImageState(ref, role, digest, platforms, history, discovery, error, newBuiltFrom);
    }

    /** The same digest seen for a different set of platforms (an enrollment now builds one more): no new history. */
    public ImageState withPlatforms(Map<String, String> newPlatforms) {
        return new ImageState(ref, role, digest, newPlatforms, history, discovery, null, builtFrom);
    }

    /** This state after a check found {@code record} current: appended to history if new. */
    public ImageState withDigest(DigestRecord record) {
        List<DigestRecord> newHistory = history;
        boolean changed = !record.digest().equals(digest) || !record.platforms().equals(platforms);
        if (changed) {
            newHistory = new java.util.ArrayList<>(history);
            newHistory.add(record);
        }
        return new ImageState(ref, role, record.digest(), record.platforms(), newHistory, discovery, null, changed ? null : builtFrom);
    }
}
