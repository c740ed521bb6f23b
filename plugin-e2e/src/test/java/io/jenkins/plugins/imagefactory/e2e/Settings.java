package io.jenkins.plugins.imagefactory.e2e;

import java.nio.file.Path;

/** Where things are, as Maven passes them (with fallbacks for a run from an IDE in the module folder). */
final class Settings {

    private Settings() {
    }

    static Path projectRoot() {
        return Path.of(System.getProperty("e2e.projectRoot", "..")).toAbsolutePath().normalize();
    }

    static Path workDir() {
        return Path.of(System.getProperty("e2e.workDir", "target/e2e")).toAbsolutePath().normalize();
    }

    static String pluginVersion() {
        return System.getProperty("e2e.pluginVersion", "0.1.0-SNAPSHOT");
    }

    static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }
}
