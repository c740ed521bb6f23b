package io.jenkins.plugins.imagefactory.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs a real {@link LocalRegistry} for a test class ({@code static @RegisterExtension} field) or
 * for each test (instance field). When {@code docker-registry} (or {@code htpasswd}, for an auth
 * registry) is missing, tests are skipped on a developer machine but FAIL when {@code CI=true}, so
 * CI can never go green without exercising the real registry.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final LocalRegistryExtension REGISTRY = LocalRegistryExtension.withBasicAuth("ci", "s3cret");
 * }</pre>
 */
public final class LocalRegistryExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private final LocalRegistry.Options options;
    private LocalRegistry registry;
    private Path directory;
    private boolean perTest;

    private LocalRegistryExtension(LocalRegistry.Options options) {
        this.options = options;
    }

    public static LocalRegistryExtension anonymous() {
        return new LocalRegistryExtension(LocalRegistry.Options.anonymous());
    }

    public static LocalRegistryExtension withBasicAuth(String username, String password) {
        return new LocalRegistryExtension(LocalRegistry.Options.anonymous().withBasicAuth(username, password));
    }

    public static LocalRegistryExtension with(LocalRegistry.Options options) {
        return new LocalRegistryExtension(options);
    }

    /** The running registry; only valid inside a test. */
    public LocalRegistry registry() {
        if (registry == null) {
            throw new IllegalStateException("the local registry is not running outside a test");
        }
        return registry;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (registry == null) {
            perTest = true;
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perTest) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    private void start() throws IOException, InterruptedException {
        requireTool(LocalRegistry.BINARY, "docker-registry");
        if (options.hasAuth()) {
            requireTool(Htpasswd.BINARY, "apache2-utils");
        }
        directory = Files.createTempDirectory("local-registry");
        registry = LocalRegistry.start(options, directory);
    }

    private static void requireTool(Path tool, String debianPackage) {
        if (Files.isExecutable(tool)) {
            return;
        }
        String message = tool + " is missing (Debian package " + debianPackage + ")";
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException(message + ": CI=true, so this test must not be skipped; .ci/run must install it");
        }
        Assumptions.abort(message + ": skipping outside CI");
    }

    private void stop() {
        if (registry != null) {
            registry.close();
            registry = null;
        }
        if (directory != null) {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp dir left behind is harmless
            }
            directory = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalRegistry.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return registry();
    }
}
