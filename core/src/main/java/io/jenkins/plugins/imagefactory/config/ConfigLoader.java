package io.jenkins.plugins.imagefactory.config;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads a config repo directory: {@code image-factory.yaml} plus every {@code *.yaml}/{@code *.yml}
 * under the images folder, each holding one enrollment or a list of them (several YAML documents
 * are fine too). Validation collects every problem; an invalid repo yields no config at all, so
 * nothing downstream ever acts on half of it.
 */
public final class ConfigLoader {

    public static final String GLOBAL_FILE = "image-factory.yaml";

    private ConfigLoader() {
    }

    public static ConfigLoadResult load(Path root) {
        List<ConfigError> errors = new ArrayList<>();
        List<String> files = new ArrayList<>();

        GlobalSettings settings = GlobalSettings.DEFAULT;
        Path globalFile = root.resolve(GLOBAL_FILE);
        if (!Files.isRegularFile(globalFile)) {
            errors.add(new ConfigError(new ConfigLocation(GLOBAL_FILE, 1, 1), "",
                    "not found: a config repo has " + GLOBAL_FILE + " at its root (it may be just \"version: 1\")"));
            return new ConfigLoadResult.Invalid(errors, files);
        }
        files.add(GLOBAL_FILE);
        List<YamlNode> globalDocuments = readYaml(root, GLOBAL_FILE, errors);
        if (globalDocuments.size() > 1) {
            errors.add(new ConfigError(globalDocuments.get(1).location(), "", "expected a single YAML document"));
        }
        if (!globalDocuments.isEmpty()) {
            var reader = MappingReader.of(globalDocuments.get(0), "", errors);
            if (reader.isPresent()) {
                settings = GlobalSettingsReader.read(reader.get());
            }
        }

        GlobalSettings effective = settings;
        List<EnrollmentReader.Read> enrollments = new ArrayList<>();
        List<String> enrollmentFiles = enrollmentFiles(root, settings.paths().images(), errors);
        files.addAll(enrollmentFiles);
        // Reading and parsing 10,000 files is most of loading the config, and each stands alone:
        // parsed on every core, then read in file order so errors and duplicates come out the same.
        List<YamlTreeReader.Documents> parsed = enrollmentFiles.parallelStream().map(file -> readYaml(root, file)).toList();
        for (YamlTreeReader.Documents documents : parsed) {
            errors.addAll(documents.errors());
            for (YamlNode document : documents.documents()) {
                if (document instanceof YamlNode.ListNode list) {
                    for (int i = 0; i < list.items().size(); i++) {
                        MappingReader.of(list.items().get(i), "[" + i + "]", errors)
                                .flatMap(e -> EnrollmentReader.read(e, effective))
                                .ifPresent(enrollments::add);
                    }
                } else if (!(document instanceof YamlNode.ScalarNode s && s.type() == YamlNode.ScalarType.NULL)) {
                    MappingReader.of(document, "", errors)
                            .flatMap(e -> EnrollmentReader.read(e, effective))
                            .ifPresent(enrollments::add);
                }
            }
        }
        checkUnique(enrollments, errors);

        if (!errors.isEmpty()) {
            errors.sort(null);
            return new ConfigLoadResult.Invalid(errors, files);
        }
        return new ConfigLoadResult.Valid(new ImageFactoryConfig(settings,
                enrollments.stream().map(EnrollmentReader.Read::enrollment).toList(), files));
    }

    private static void checkUnique(List<EnrollmentReader.Read> enrollments, List<ConfigError> errors) {
        Map<String, EnrollmentReader.Read> byName = new HashMap<>();
        Map<String, EnrollmentReader.Read> byReference = new HashMap<>();
        for (EnrollmentReader.Read read : enrollments) {
            Enrollment enrollment = read.enrollment();
            EnrollmentReader.Read first = byName.putIfAbsent(enrollment.name(), read);
            if (first != null) {
                errors.add(new ConfigError(read.nameLocation(), "name", "duplicate enrollment name \"" + enrollment.name()
                        + "\" (also enrolled at " + first.nameLocation() + ")"));
            }
            for (int i = 0; i < enrollment.tags().size(); i++) {
                String reference = enrollment.references().get(i).canonical();
                EnrollmentReader.Read owner = byReference.putIfAbsent(reference, read);
                if (owner != null && owner != read) {
                    errors.add(new ConfigError(read.tagLocations().get(i), "tags[" + i + "]", reference
                            + " is already enrolled as \"" + owner.enrollment().name() + "\" at "
                            + owner.enrollment().origin()));
                }
            }
        }
    }

    private static List<String> enrollmentFiles(Path root, String imagesFolder, List<ConfigError> errors) {
        Path folder = root.resolve(imagesFolder);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".yaml") || p.getFileName().toString().endsWith(".yml"))
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            errors.add(new ConfigError(new ConfigLocation(imagesFolder, 1, 1), "", "cannot list enrollment files: " + e.getMessage()));
            return List.of();
        }
    }

    private static List<YamlNode> readYaml(Path root, String file, List<ConfigError> errors) {
        YamlTreeReader.Documents documents = readYaml(root, file);
        errors.addAll(documents.errors());
        return documents.documents();
    }

    private static YamlTreeReader.Documents readYaml(Path root, String file) {
        String text;
        try {
            text = Files.readString(root.resolve(file), StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            return new YamlTreeReader.Documents(List.of(), List.of(new ConfigError(new ConfigLocation(file, 1, 1), "", "not UTF-8 text")));
        } catch (IOException e) {
            return new YamlTreeReader.Documents(List.of(),
                    List.of(new ConfigError(new ConfigLocation(file, 1, 1), "", "cannot read: " + e.getMessage())));
        }
        return YamlTreeReader.read(file, text);
    }
}
