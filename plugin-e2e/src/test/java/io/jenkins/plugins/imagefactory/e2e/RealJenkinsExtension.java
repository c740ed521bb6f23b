package io.jenkins.plugins.imagefactory.e2e;

import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives test classes the one {@link Controller} of the run: built and started by the first class
 * that asks, shared by the rest (Jenkins boots once per suite), stopped when the run ends. Without
 * a Jenkins runtime the suite is skipped with one loud line on a developer machine, and fails under
 * {@code CI=true}.
 */
final class RealJenkinsExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealJenkinsExtension.class);
    private static boolean warned;

    @Override
    public void beforeAll(ExtensionContext context) {
        Path root = Settings.projectRoot();
        JenkinsRuntime.Located located = JenkinsRuntime.locate(root);
        if (located.runtime() == null) {
            if (Settings.onCi()) {
                throw new IllegalStateException("CI=true but " + located.problem());
            }
            synchronized (RealJenkinsExtension.class) {
                if (!warned) {
                    System.err.println("!!!!! SKIPPING the Jenkins plugin end-to-end suite: " + located.problem() + " !!!!!");
                    warned = true;
                }
            }
            Assumptions.abort(located.problem());
        }
        controller(context);
    }

    static Controller controller(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Controller.class, type -> {
            try {
                return Controller.start(JenkinsRuntime.locate(Settings.projectRoot()).runtime());
            } catch (Exception e) {
                throw new IllegalStateException("could not start the Jenkins controller under test: " + e.getMessage(), e);
            }
        }, Controller.class);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Controller.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return controller(context);
    }
}
