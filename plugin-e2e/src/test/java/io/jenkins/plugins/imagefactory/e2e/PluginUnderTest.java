package io.jenkins.plugins.imagefactory.e2e;

import io.jenkins.plugins.imagefactory.image.ImageReference;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The plugin as Jenkins loads it: {@code plugin/src} compiled by the runtime's {@code bin/build-plugin}
 * (javac with the annotation processors maven-hpi-plugin runs, the plugin manifest, {@code Messages}
 * from {@code Messages.properties}) with the engine jar bundled, exactly as {@code plugin/pom.xml}
 * bundles only {@code image-factory-core}. Its Plugin-Dependencies are the plugin POM's non-test
 * dependencies at the versions the runtime ships.
 */
final class PluginUnderTest {

    static final String SHORT_NAME = "image-factory";

    private PluginUnderTest() {
    }

    /** Builds the .jpi into {@code out} and returns it. */
    static Path build(JenkinsRuntime runtime, Path projectRoot, Path out, String version)
            throws IOException, InterruptedException {
        Files.createDirectories(out);
        Path engine = engineJar(out);
        Map<String, String> shipped = shippedPlugins(runtime.plugins());
        List<String> dependencies = new ArrayList<>();
        for (String name : pluginDependencies(projectRoot.resolve("plugin/pom.xml"))) {
            String shippedVersion = shipped.get(name);
            if (shippedVersion == null) {
                throw new IllegalStateException("plugin/pom.xml depends on the plugin " + name + ", which the Jenkins "
                        + "runtime at " + runtime.root() + " does not ship (it has " + shipped.keySet() + ")");
            }
            dependencies.add(name + ":" + shippedVersion);
        }
        Path log = out.resolve("build-plugin.log");
        ProcessBuilder builder = new ProcessBuilder(runtime.buildPlugin().toString(), SHORT_NAME, version,
                projectRoot.resolve("plugin/src/main/java").toString(),
                projectRoot.resolve("plugin/src/main/resources").toString(), out.toString(), engine.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("PLUGIN_DEPS", String.join(",", dependencies));
        builder.environment().put("LONG_NAME", "Image Factory");
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("bin/build-plugin did not finish within 5 minutes; log: " + log);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("bin/build-plugin failed (exit " + process.exitValue() + "):\n" + output);
        }
        Path jpi = out.resolve(SHORT_NAME + ".jpi");
        if (!Files.isRegularFile(jpi)) {
            throw new IllegalStateException("bin/build-plugin wrote no " + jpi + ":\n" + output);
        }
        return jpi;
    }

    /**
     * The engine on this test's classpath: core's jar in a full build, its classes folder when only
     * tests ran (then packed here, since a plugin bundles jars).
     */
    private static Path engineJar(Path out) throws IOException {
        Path location;
        try {
            location = Path.of(ImageReference.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the engine's classes", e);
        }
        if (Files.isRegularFile(location)) {
            return location;
        }
        Path jar = out.resolve("engine/image-factory-core.jar");
        Files.createDirectories(jar.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (JarOutputStream zip = new JarOutputStream(Files.newOutputStream(jar), manifest);
             Stream<Path> files = Files.walk(location)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new JarEntry(location.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, (OutputStream) zip);
                zip.closeEntry();
            }
        }
        return jar;
    }

    private static Map<String, String> shippedPlugins(Path plugins) throws IOException {
        Map<String, String> versions = new TreeMap<>();
        try (Stream<Path> files = Files.list(plugins)) {
            for (Path jpi : files.filter(p -> p.toString().endsWith(".jpi")).toList()) {
                try (JarFile jar = new JarFile(jpi.toFile())) {
                    Attributes attributes = jar.getManifest().getMainAttributes();
                    versions.put(attributes.getValue("Short-Name"), attributes.getValue("Plugin-Version"));
                }
            }
        }
        return versions;
    }

    private static final Pattern DEPENDENCY = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);
    private static final Pattern ARTIFACT = Pattern.compile("<artifactId>([^<]+)</artifactId>");

    /** The plugin POM's runtime dependencies on other plugins (everything but the engine and test scope). */
    static List<String> pluginDependencies(Path pom) throws IOException {
        String text = Files.readString(pom, StandardCharsets.UTF_8);
        int start = text.indexOf("<dependencies>", text.indexOf("</dependencyManagement>"));
        int end = text.indexOf("</dependencies>", start);
        Matcher dependency = DEPENDENCY.matcher(text.substring(start, end));
        List<String> names = new ArrayList<>();
        while (dependency.find()) {
            String block = dependency.group(1).replaceAll("(?s)<exclusions>.*?</exclusions>", "");
            Matcher artifact = ARTIFACT.matcher(block);
            if (artifact.find() && !block.contains("<scope>test</scope>")
                    && !artifact.group(1).equals("image-factory-core")) {
                names.add(artifact.group(1));
            }
        }
        return names;
    }
}
