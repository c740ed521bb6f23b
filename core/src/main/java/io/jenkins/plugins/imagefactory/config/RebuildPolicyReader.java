package io.jenkins.plugins.imagefactory.config;

import io.jenkins.plugins.imagefactory.image.Platform;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** The {@code rebuild:} block, shared by global defaults and enrollments: unset fields inherit. */
final class RebuildPolicyReader {

    static final Set<String> FIELDS = Set.of("delay", "auto", "platforms");

    private RebuildPolicyReader() {
    }

    static RebuildPolicy read(MappingReader rebuild, RebuildPolicy inherited) {
        rebuild.rejectUnknown(FIELDS);
        Duration delay = rebuild.duration("delay").orElse(inherited.delay());
        boolean auto = rebuild.bool("auto").orElse(inherited.auto());
        List<Platform> platforms = rebuild.list("platforms", Platform::parse).orElse(inherited.platforms());
        if (platforms.isEmpty()) {
            rebuild.error("platforms", "must name at least one platform, e.g. [linux/amd64]");
            platforms = inherited.platforms();
        }
        if (platforms.stream().distinct().count() != platforms.size()) {
            rebuild.error("platforms", "lists a platform twice");
        }
        return new RebuildPolicy(delay, auto, platforms);
    }
}
