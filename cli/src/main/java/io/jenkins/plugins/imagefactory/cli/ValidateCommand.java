package io.jenkins.plugins.imagefactory.cli;

import io.jenkins.plugins.imagefactory.config.ConfigError;
import io.jenkins.plugins.imagefactory.config.ConfigLoadResult;
import io.jenkins.plugins.imagefactory.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a config repo directory: every error as file:line:column: field: message.")
final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "the config repo directory (holds image-factory.yaml)")
    Path directory;

    @Override
    public Integer call() {
        if (!Files.isDirectory(directory)) {
            spec.commandLine().getErr().println("error: " + directory + " is not a directory");
            return 1;
        }
        ConfigLoadResult result = ConfigLoader.load(directory);
        if (result instanceof ConfigLoadResult.Valid valid) {
            int images = valid.config().enrollments().size();
            int files = valid.config().files().size();
            spec.commandLine().getOut().println(count(images, "image") + " in " + count(files, "file") + ", 0 errors");
            return 0;
        }
        ConfigLoadResult.Invalid invalid = (ConfigLoadResult.Invalid) result;
        for (ConfigError error : invalid.errors()) {
            spec.commandLine().getErr().println(error);
        }
        spec.commandLine().getErr().println(count(invalid.errors().size(), "error") + " in "
                + count(invalid.files().size(), "file") + "; nothing was changed");
        return 1;
    }

    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
