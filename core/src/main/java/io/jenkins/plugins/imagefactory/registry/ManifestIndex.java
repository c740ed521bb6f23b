package io.jenkins.plugins.imagefactory.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagefactory.image.Platform;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** Picks, from an OCI index or Docker manifest list, the manifest serving each wanted platform. */
final class ManifestIndex {

    private ManifestIndex() {
    }

    /**
     * For each wanted platform, the digest of the first index entry whose platform satisfies it.
     * Entries without a platform, or with {@code unknown/unknown} (BuildKit attestations), never match.
     */
    static Map<Platform, String> platformDigests(JsonNode index, Collection<Platform> wanted) {
        Map<Platform, String> found = new LinkedHashMap<>();
        for (Platform platform : wanted) {
            for (JsonNode entry : index.path("manifests")) {
                JsonNode p = entry.path("platform");
                String os = p.path("os").asText("");
                String architecture = p.path("architecture").asText("");
                String digest = entry.path("digest").asText("");
                if (os.isEmpty() || architecture.isEmpty() || digest.isEmpty() || os.equals("unknown")) {
                    continue;
                }
                Platform offered = new Platform(os, architecture, p.path("variant").asText(null));
                if (offered.satisfies(platform)) {
                    found.put(platform, digest);
                    break;
                }
            }
        }
        return found;
    }
}
