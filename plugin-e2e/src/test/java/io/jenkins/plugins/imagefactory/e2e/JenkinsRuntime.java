package io.jenkins.plugins.imagefactory.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A Jenkins to test against: a folder with {@code bin/build-plugin}, {@code bin/start},
 * {@code bin/stop}, {@code war/} and {@code plugins/} (the layout of {@code ../shared/jenkins-runtime},
 * Jenkins 2.541.3 built from source). Found through {@code JENKINS_RUNTIME} (environment or system
 * property), else {@code ../shared/jenkins-runtime} beside the project.
 */
record JenkinsRuntime(Path root) {

    static final String VARIABLE = "JENKINS_RUNTIME";

    /** The runtime, or empty with the reason it was not found. */
    static Located locate(Path projectRoot) {
        String configured = Optional.ofNullable(System.getProperty(VARIABLE)).orElse(System.getenv(VARIABLE));
        Path candidate = configured != null && !configured.isBlank() ? Path.of(configured)
                : projectRoot.resolve("../shared/jenkins-runtime");
        candidate = candidate.toAbsolutePath().normalize();
        for (String required : new String[] {"bin/build-plugin", "bin/start", "bin/stop"}) {
            if (!Files.isExecutable(candidate.resolve(required))) {
                return new Located(null, "no Jenkins runtime at " + candidate + " (" + required + " missing); set "
                        + VARIABLE + " to a folder laid out like ../shared/jenkins-runtime");
            }
        }
        return new Located(new JenkinsRuntime(candidate), null);
    }

    Path buildPlugin() {
        return root.resolve("bin/build-plugin");
    }

    Path start() {
        return root.resolve("bin/start");
    }

    Path stop() {
        return root.resolve("bin/stop");
    }

    /** The dependency plugins shipped with the runtime, by short name → version (from their manifests). */
    Path plugins() {
        return root.resolve("plugins");
    }

    record Located(JenkinsRuntime runtime, String problem) {
    }
}
