package io.jenkins.plugins.imagefactory.config;

import java.util.List;
import java.util.Optional;

/**
 * A whole, valid config repo: global settings and every enrollment, defaults applied.
 *
 * @param settings    {@code image-factory.yaml}
 * @param enrollments all enrollments, ordered by file then position
 * @param files       config files read (the global file included)
 */
public record ImageFactoryConfig(GlobalSettings settings, List<Enrollment> enrollments, List<String> files) {

    public ImageFactoryConfig {
        enrollments = List.copyOf(enrollments);
        files = List.copyOf(files);
    }

    public Optional<Enrollment> enrollment(String name) {
        return enrollments.stream().filter(e -> e.name().equals(name)).findFirst();
    }
}
