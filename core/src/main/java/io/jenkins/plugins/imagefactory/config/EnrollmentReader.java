package io.jenkins.plugins.imagefactory.config;

import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.image.InvalidReferenceException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads one enrollment mapping, applying the global defaults. */
final class EnrollmentReader {

    /** Lowercase, digits, {@code - . _}; 1-63 characters; starts and ends alphanumeric (safe as a Backstage name). */
    static final Pattern NAME = Pattern.compile("[a-z0-9](?:[a-z0-9._-]{0,61}[a-z0-9])?");
    static final Set<String> FIELDS = Set.of("name", "image", "tags", "source", "rebuild", "build", "owner", "labels");
    static final Set<String> SOURCE_FIELDS = Set.of("repository", "branch", "dockerfile", "context", "buildArgs", "target");
    static final Set<String> BUILD_KINDS = Set.of(BuildSpec.GitHubActions.KIND, BuildSpec.Jenkins.KIND, BuildSpec.Webhook.KIND);
    static final String TIMEOUT = "timeout";

    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern GITHUB_REPOSITORY = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}");
    private static final Pattern WORKFLOW = Pattern.compile("[A-Za-z0-9._-]+\\.ya?ml|[0-9]+");
    private static final Pattern SCP_LIKE = Pattern.compile("[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^/].*|[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:/.*");
    private static final Pattern ENTITY_REF =
            Pattern.compile("(?:[A-Za-z][A-Za-z0-9]*:)?(?:[a-z0-9][a-z0-9._-]*/)?[A-Za-z0-9][A-Za-z0-9._-]*");

    /** An enrollment plus where its identity fields stand, for cross-file duplicate checks. */
    record Read(Enrollment enrollment, ConfigLocation nameLocation, List<ConfigLocation> tagLocations) {
    }

    private EnrollmentReader() {
    }

    static Optional<Read> read(MappingReader e, GlobalSettings settings) {
        int before = e.errors().size();
        e.rejectUnknown(FIELDS);

        Optional<String> name = e.requiredString("name");
        name.ifPresent(n -> {
            if (!NAME.matcher(n).matches()) {
                e.error("name", "expected 1-63 lowercase letters, digits, '-', '.' or '_', starting and ending with a"
                        + " letter or digit, got \"" + n + "\"");
            }
        });

        Optional<String> image = e.requiredString("image").flatMap(text -> imageName(e, text));
        image.ifPresent(registryPath -> GlobalSettingsReader.allowed(e, settings.egress(), "image", registryPath));

        List<String> tags = e.list("tags", tag -> {
            if (!TAG.matcher(tag).matches()) {
                throw new IllegalArgumentException("invalid tag \"" + tag + "\" (expected [A-Za-z0-9_][A-Za-z0-9_.-]{0,127})");
            }
            return tag;
        }).orElse(Enrollment.DEFAULT_TAGS);
        if (tags.isEmpty()) {
            e.error("tags", "must list at least one tag");
        } else if (new HashSet<>(tags).size() != tags.size()) {
            e.error("tags", "lists a tag twice");
        }

        Optional<Source> source = e.has("source")
                ? e.mapping("source").flatMap(s -> source(s, settings))
                : missing(e, "source");

        RebuildPolicy rebuild = e.mapping("rebuild").map(r -> RebuildPolicyReader.read(r, settings.defaultRebuild()))
                .orElse(settings.defaultRebuild());

        Optional<MappingReader> buildBlock = e.has("build") ? e.mapping("build") : Optional.empty();
        Optional<BuildSpec> build = e.has("build")
                ? buildBlock.flatMap(b -> build(b, source.map(Source::branch).orElse(Source.DEFAULT_BRANCH), settings))
                : missing(e, "build");
        Duration buildTimeout = buildBlock.flatMap(EnrollmentReader::buildTimeout).orElse(Enrollment.DEFAULT_BUILD_TIMEOUT);

        Optional<String> owner = e.string("owner").filter(o -> {
            if (!ENTITY_REF.matcher(o).matches()) {
                e.error("owner", "expected a Backstage owner reference such as group:default/payments or payments,"
                        + " got \"" + o + "\"");
                return false;
            }
            return true;
        });
        Map<String, String> labels = e.stringMap("labels").orElse(Map.of());

        if (e.errors().size() > before || name.isEmpty() || image.isEmpty() || source.isEmpty() || build.isEmpty()) {
            return Optional.empty();
        }
        List<ConfigLocation> tagLocations = new ArrayList<>();
        for (int i = 0; i < tags.size(); i++) {
            tagLocations.add(e.has("tags") ? e.itemLocation("tags", i) : e.location());
        }
        ConfigLocation nameLocation = e.node("name").map(YamlNode::location).orElse(e.location());
        Enrollment enrollment = new Enrollment(name.get(), image.get(), tags, source.get(), rebuild, build.get(),
                owner.orElse(null), labels, e.location(), buildTimeout);
        return Optional.of(new Read(enrollment, nameLocation, tagLocations));
    }

    private static <T> Optional<T> missing(MappingReader e, String key) {
        e.errors().add(new ConfigError(e.location(), e.field(key), "is required"));
        return Optional.empty();
    }

    /** {@code image} is registry/repository only; tags go under {@code tags}. */
    private static Optional<String> imageName(MappingReader e, String text) {
        if (text.contains("@") || text.lastIndexOf(':') > text.lastIndexOf('/')) {
            e.error("image", "expected registry/repository without tag or digest (list tags under \"tags\"), got \""
                    + text + "\"");
            return Optional.empty();
        }
        try {
            return Optional.of(ImageReference.parse(text).name());
        } catch (InvalidReferenceException ex) {
            e.error("image", ex.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<Source> source(MappingReader s, GlobalSettings settings) {
        int before = s.errors().size();
        s.rejectUnknown(SOURCE_FIELDS);
        Optional<String> repository = s.requiredString("repository").filter(url -> gitUrl(s, url));
        repository.ifPresent(url -> GlobalSettingsReader.allowed(s, settings.egress(), "repository", url));
        String branch = s.string("branch").orElse(Source.DEFAULT_BRANCH);
        String dockerfile = s.string("dockerfile").orElse(Source.DEFAULT_DOCKERFILE);
        String context = s.string("context").orElse(Source.DEFAULT_CONTEXT);
        for (String key : List.of("dockerfile", "context")) {
            s.string(key).ifPresent(path -> {
                if (path.startsWith("/") || path.equals("..") || path.startsWith("../") || path.contains("/../")) {
                    s.error(key, "expected a path inside the source repository (no leading /, no ..), got \"" + path + "\"");
                }
            });
        }
        Map<String, String> buildArgs = s.stringMap("buildArgs").orElse(Map.of());
        String target = s.string("target").orElse(null);
        if (s.errors().size() > before || repository.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Source(repository.get(), branch, dockerfile, context, buildArgs, target));
    }

    private static boolean gitUrl(MappingReader s, String url) {
        if (SCP_LIKE.matcher(url).matches()) {
            return true;
        }
        try {
            URI uri = URI.create(url);
            String scheme = uri.getScheme();
            if (scheme != null && Set.of("https", "http", "ssh", "git", "file").contains(scheme)
                    && (uri.getHost() != null || "file".equals(scheme))) {
                if (SecretHeuristics.hasInlineCredentials(url)) {
                    s.error("repository", "URL contains credentials; remove them and let the host supply credentials");
                    return false;
                }
                return true;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        s.error("repository", "expected a git URL (https://, ssh://, git@host:path or file://), got \"" + url + "\"");
        return false;
    }

    /** {@code build.timeout}: at least a minute, or every build would time out before it could report. */
    private static Optional<Duration> buildTimeout(MappingReader b) {
        return b.duration(TIMEOUT).filter(timeout -> {
            if (timeout.compareTo(Duration.ofMinutes(1)) < 0) {
                b.error(TIMEOUT, "must be at least 1m, got " + Durations.format(timeout));
                return false;
            }
            return true;
        });
    }

    private static Optional<BuildSpec> build(MappingReader b, String sourceBranch, GlobalSettings settings) {
        Set<String> known = new HashSet<>(BUILD_KINDS);
        known.add(TIMEOUT);
        b.rejectUnknown(known);
        List<String> kinds = BUILD_KINDS.stream().filter(b.keys()::contains).sorted().toList();
        if (kinds.size() != 1) {
            b.errors().add(new ConfigError(b.location(), b.path(), kinds.isEmpty()
                    ? "expected exactly one build kind (github-actions, jenkins or webhook), got none"
                    : "expected exactly one build kind, got " + kinds.size() + ": " + String.join(", ", kinds)));
            return Optional.empty();
        }
        int before = b.errors().size();
        if (!b.has(kinds.get(0))) {
            b.error(kinds.get(0), "expected a mapping with the build's settings, got nothing");
            return Optional.empty();
        }
        MappingReader kind = b.mapping(kinds.get(0)).orElse(null);
        if (kind == null) {
            return Optional.empty();
        }
        BuildSpec spec = switch (kinds.get(0)) {
            case BuildSpec.GitHubActions.KIND -> {
                kind.rejectUnknown(Set.of("repository", "workflow", "ref", "inputs"));
                String repository = kind.requiredString("repository").filter(r -> {
                    if (!GITHUB_REPOSITORY.matcher(r).matches()) {
                        kind.error("repository", "expected owner/name, got \"" + r + "\"");
                        return false;
                    }
                    return true;
                }).orElse(null);
                String workflow = kind.requiredString("workflow").filter(w -> {
                    if (!WORKFLOW.matcher(w).matches()) {
                        kind.error("workflow", "expected a workflow file name such as build.yml (no path) or a"
                                + " numeric workflow id, got \"" + w + "\"");
                        return false;
                    }
                    return true;
                }).orElse(null);
                String ref = kind.string("ref").orElse(sourceBranch);
                yield new BuildSpec.GitHubActions(repository, workflow, ref, kind.stringMap("inputs").orElse(Map.of()));
            }
            case BuildSpec.Jenkins.KIND -> {
                kind.rejectUnknown(Set.of("job", "parameters"));
                String job = kind.requiredString("job").filter(j -> {
                    if (j.startsWith("/") || j.endsWith("/") || j.contains("//")) {
                        kind.error("job", "expected a full job name such as team/app/main, got \"" + j + "\"");
                        return false;
                    }
                    return true;
                }).orElse(null);
                yield new BuildSpec.Jenkins(job, kind.stringMap("parameters").orElse(Map.of()));
            }
            default -> {
                kind.rejectUnknown(Set.of("url", "secret"));
                String url = kind.requiredString("url").filter(u -> GlobalSettingsReader.httpUrl(kind, "url", u)).orElse(null);
                if (url != null) {
                    GlobalSettingsReader.allowed(kind, settings.egress(), "url", url);
                }
                yield new BuildSpec.Webhook(url, kind.reference("secret").orElse(null));
            }
        };
        return b.errors().size() > before ? Optional.empty() : Optional.of(spec);
    }
}
