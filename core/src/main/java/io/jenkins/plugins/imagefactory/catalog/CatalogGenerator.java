package io.jenkins.plugins.imagefactory.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jenkins.plugins.imagefactory.config.BuildSpec;
import io.jenkins.plugins.imagefactory.config.Enrollment;
import io.jenkins.plugins.imagefactory.config.ImageFactoryConfig;
import io.jenkins.plugins.imagefactory.graph.BaseUse;
import io.jenkins.plugins.imagefactory.graph.ImageGraph;
import io.jenkins.plugins.imagefactory.graph.Role;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.rebuild.PlannedRebuild;
import io.jenkins.plugins.imagefactory.rebuild.RebuildPlan;
import io.jenkins.plugins.imagefactory.state.ImageState;
import io.jenkins.plugins.imagefactory.state.RebuildState;
import io.jenkins.plugins.imagefactory.state.StateMapper;
import io.jenkins.plugins.imagefactory.status.Links;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Backstage catalog entities for every tracked image, plus one {@code Location} listing them all, so
 * a single catalog location registers the whole estate. Pure and deterministic: the same graph and
 * state give the same bytes, and no value comes from the clock or from a secret.
 */
public final class CatalogGenerator {

    public static final String PREFIX = "image-factory.io/";
    public static final String MANAGED_TYPE = "managed-image";
    public static final String BASE_TYPE = "base-image";
    public static final String INDEX_FILE = "index.yaml";
    public static final String ENTITIES_FOLDER = "entities";

    private static final Pattern LABEL_VALUE = Pattern.compile("(?:[A-Za-z0-9](?:[-_.A-Za-z0-9]{0,61}[A-Za-z0-9])?)?");
    private static final Pattern GITHUB_REPO = Pattern.compile("(?:https://|git@|ssh://git@)github\\.com[/:]([^/]+)/([^/]+?)(?:\\.git)?/?");

    private final ImageFactoryConfig config;
    private final ImageGraph graph;
    private final Map<String, ImageState> images;
    private final Map<String, RebuildState> rebuilds;
    private final RebuildPlan plan;

    public CatalogGenerator(ImageFactoryConfig config, ImageGraph graph, Map<String, ImageState> images,
                            Map<String, RebuildState> rebuilds, RebuildPlan plan) {
        this.config = config;
        this.graph = graph;
        this.images = images;
        this.rebuilds = rebuilds;
        this.plan = plan;
    }

    /** File contents by path relative to the catalog folder: {@code index.yaml} and {@code entities/<name>.yaml}. */
    public Map<String, String> files() {
        Map<String, String> names = EntityNames.assign(graph.tracked());
        List<ImageReference> tracked = List.copyOf(graph.tracked());
        // Entities are independent and writing YAML is most of the catalog's time (about 2 s at
        // 10,000 images on one core), so they are rendered on every core; the order stays the graph's.
        List<String> rendered = tracked.parallelStream()
                .map(reference -> yaml(entity(reference, names.get(reference.canonical()), names)))
                .toList();
        Map<String, String> out = new TreeMap<>();
        List<String> targets = new ArrayList<>();
        for (int i = 0; i < tracked.size(); i++) {
            String file = ENTITIES_FOLDER + "/" + names.get(tracked.get(i).canonical()) + ".yaml";
            out.put(file, rendered.get(i));
            targets.add("./" + file);
        }
        Map<String, Object> location = new LinkedHashMap<>();
        location.put("apiVersion", "backstage.io/v1alpha1");
        location.put("kind", "Location");
        location.put("metadata", ordered("name", "image-factory", "description",
                "Every image Image Factory tracks; generated, do not edit."));
        // No spec.type: Backstage then reads each target with the type the index was registered with,
        // relative to it ("./" is what its file reader resolves against the index's folder), so one
        // catalog works as a `url` location on a git host and as a `file` location on a checkout.
        location.put("spec", ordered("targets", targets));
        out.put(INDEX_FILE, yaml(location));
        return out;
    }

    private Map<String, Object> entity(ImageReference reference, String name, Map<String, String> names) {
        Role role = graph.role(reference).orElseThrow();
        Optional<Enrollment> enrollment = graph.managedBy(reference).flatMap(config::enrollment);
        ImageState state = images.get(reference.canonical());

        Map<String, String> labels = new TreeMap<>();
        label(labels, PREFIX + "role", role.isManaged() ? "managed" : "base");
        label(labels, PREFIX + "registry", reference.registry());

        Map<String, String> annotations = new TreeMap<>();
        annotations.put(PREFIX + "ref", reference.canonical());
        annotations.put(PREFIX + "role", role.label());
        annotations.put(PREFIX + "registry", reference.registry());
        annotations.put(PREFIX + "repository", reference.repository());
        if (state != null && state.digest() != null) {
            annotations.put(PREFIX + "digest", state.digest());
            annotations.put(PREFIX + "ref-digest", reference.withoutDigest().name() + "@" + state.digest());
            state.current().ifPresent(c -> annotations.put(PREFIX + "digest-since", c.agedFrom().toString()));
        }
        if (state != null && state.error() != null) {
            annotations.put(PREFIX + "error", state.error().message());
        }
        enrollment.ifPresent(e -> managedAnnotations(e, annotations, state));

        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        metadata.put("title", reference.familiar());
        metadata.put("description", role.isManaged()
                ? "Managed image " + reference.canonical() + (enrollment.isPresent() ? " (" + enrollment.get().name() + ")" : "")
                : "Base image " + reference.canonical() + ", used by " + graph.directDependents(reference).size() + " managed image(s)");
        if (!labels.isEmpty()) {
            metadata.put("labels", labels);
        }
        metadata.put("annotations", annotations);
        metadata.put("tags", tags(role, reference));

        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("type", role.isManaged() ? MANAGED_TYPE : BASE_TYPE);
        spec.put("owner", enrollment.map(Enrollment::owner).filter(o -> o != null).orElse(config.settings().defaultOwner()));
        List<String> dependsOn = new ArrayList<>();
        enrollment.flatMap(e -> graph.image(e.name())).ifPresent(image -> {
            TreeSet<String> bases = new TreeSet<>();
            for (BaseUse base : image.bases()) {
                String baseName = names.get(base.node().canonical());
                if (baseName != null) {
                    bases.add("resource:default/" + baseName);
                }
            }
            dependsOn.addAll(bases);
        });
        if (!dependsOn.isEmpty()) {
            spec.put("dependsOn", dependsOn);
        }

        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("apiVersion", "backstage.io/v1alpha1");
        entity.put("kind", "Resource");
        entity.put("metadata", metadata);
        entity.put("spec", spec);
        return entity;
    }

    private void managedAnnotations(Enrollment enrollment, Map<String, String> annotations, ImageState state) {
        annotations.put(PREFIX + "enrollment", enrollment.name());
        annotations.put(PREFIX + "source", enrollment.source().repository());
        annotations.put(PREFIX + "dockerfile", enrollment.source().dockerfile());
        annotations.put(PREFIX + "rebuild-delay", io.jenkins.plugins.imagefactory.config.Durations.format(enrollment.rebuild().delay()));
        annotations.put(PREFIX + "auto-rebuild", String.valueOf(enrollment.rebuild().auto()));
        annotations.put(PREFIX + "build-system", enrollment.build().kind());
        sourceLocation(enrollment).ifPresent(location -> annotations.put("backstage.io/source-location", location));
        if (enrollment.build() instanceof BuildSpec.GitHubActions github) {
            annotations.put(PREFIX + "build-workflow", github.repository() + "/.github/workflows/" + github.workflow());
            annotations.put("github.com/project-slug", github.repository());
        } else if (enrollment.build() instanceof BuildSpec.Jenkins jenkins) {
            annotations.put(PREFIX + "build-workflow", jenkins.job());
            annotations.put("jenkins.io/job-full-name", jenkins.job());
        }
        RebuildState rebuild = rebuilds.get(enrollment.name());
        if (rebuild != null) {
            rebuild.last().ifPresent(build -> {
                annotations.put(PREFIX + "last-build", String.valueOf(build.finishedAt() != null ? build.finishedAt()
                        : build.requestedAt()));
                annotations.put(PREFIX + "last-build-result", build.status());
                String runLink = Links.safeHref(build.runUrl());
                if (runLink != null) {
                    annotations.put(PREFIX + "last-build-url", runLink);
                }
            });
            if (rebuild.breakerOpen()) {
                annotations.put(PREFIX + "breaker", "open");
            }
        }
        if (plan != null) {
            plan.image(enrollment.name()).ifPresent(p -> rebuildAnnotations(p, annotations));
        }
        if (state != null && state.discovery() != null && state.discovery().error() != null) {
            annotations.put(PREFIX + "discovery-error", state.discovery().error().message());
        }
    }

    private static void rebuildAnnotations(PlannedRebuild planned, Map<String, String> annotations) {
        annotations.put(PREFIX + "rebuild-status", planned.status().label());
        if (planned.dueAt() != null) {
            annotations.put(PREFIX + "rebuild-due", planned.dueAt().toString());
        }
        if (!planned.causes().isEmpty()) {
            annotations.put(PREFIX + "rebuild-causes", String.join(", ", planned.causes().stream()
                    .map(c -> c.base() + "@" + c.newDigest()).toList()));
        }
    }

    /** {@code url:} location Backstage links to: the Dockerfile's folder on GitHub, else the repository. */
    static Optional<String> sourceLocation(Enrollment enrollment) {
        String repository = enrollment.source().repository();
        Matcher github = GITHUB_REPO.matcher(repository);
        if (github.matches()) {
            String dockerfile = enrollment.source().dockerfile();
            String folder = dockerfile.contains("/") ? dockerfile.substring(0, dockerfile.lastIndexOf('/') + 1) : "";
            return Optional.of("url:https://github.com/" + github.group(1) + "/" + github.group(2) + "/tree/"
                    + enrollment.source().branch() + "/" + folder);
        }
        try {
            URI uri = URI.create(repository);
            if ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) {
                return Optional.of("url:" + repository);
            }
        } catch (IllegalArgumentException ignored) {
            // not a URL Backstage can link to
        }
        return Optional.empty();
    }

    private static List<String> tags(Role role, ImageReference reference) {
        List<String> tags = new ArrayList<>();
        tags.add(role.isManaged() ? MANAGED_TYPE : BASE_TYPE);
        if (role == Role.MANAGED_AND_BASE) {
            tags.add(BASE_TYPE);
        }
        String registry = reference.registry().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-|-$", "");
        if (!registry.isEmpty() && registry.length() <= 63) {
            tags.add(registry);
        }
        return tags;
    }

    private static void label(Map<String, String> labels, String key, String value) {
        if (value.length() <= 63 && LABEL_VALUE.matcher(value).matches()) {
            labels.put(key, value);
        }
    }

    private static Map<String, Object> ordered(Object... keyValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            out.put((String) keyValues[i], keyValues[i + 1]);
        }
        return out;
    }

    private static String yaml(Object value) {
        try {
            return "# Generated by Image Factory from the config repo; edits are overwritten.\n"
                    + StateMapper.yaml().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write catalog entity", e);
        }
    }
}
