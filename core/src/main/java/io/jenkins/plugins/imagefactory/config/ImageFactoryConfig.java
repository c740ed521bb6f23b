package io.jenkins.plugins.imagefactory.config;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A whole, valid config repo: global settings and every enrollment, defaults applied. Enrollments
 * are indexed by name once, because every step of a cycle looks them up per image.
 */
public final class ImageFactoryConfig {

    private final GlobalSettings settings;
    private final List<Enrollment> enrollments;
    private final List<String> files;
    private final Map<String, Enrollment> byName;

    /**
     * @param settings    {@code image-factory.yaml}
     * @param enrollments all enrollments, ordered by file then position
     * @param files       config files read (the global file included)
     */
    public ImageFactoryConfig(GlobalSettings settings, List<Enrollment> enrollments, List<String> files) {
        this.settings = settings;
        this.enrollments = List.copyOf(enrollments);
        this.files = List.copyOf(files);
        Map<String, Enrollment> index = new HashMap<>();
        // the first of two with one name wins, as a scan would find it (the loader refuses such configs)
        this.enrollments.forEach(enrollment -> index.putIfAbsent(enrollment.name(), enrollment));
        this.byName = Collections.unmodifiableMap(index);
    }

    public GlobalSettings settings() {
        return settings;
    }

    public List<Enrollment> enrollments() {
        return enrollments;
    }

    public List<String> files() {
        return files;
    }

    /** The enrollment called {@code name}: one map access. */
    public Optional<Enrollment> enrollment(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ImageFactoryConfig that && Objects.equals(settings, that.settings)
                && enrollments.equals(that.enrollments) && files.equals(that.files);
    }

    @Override
    public int hashCode() {
        return Objects.hash(settings, enrollments, files);
    }

    @Override
    public String toString() {
        return "ImageFactoryConfig[settings=" + settings + ", " + enrollments.size() + " enrollments, files=" + files.size() + "]";
    }
}
