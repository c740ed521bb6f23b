package io.jenkins.plugins.imagefactory.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code image-factory} command: the standalone host of the engine. */
@Command(name = "image-factory",
        mixinStandardHelpOptions = true,
        versionProvider = ImageFactoryCommand.Version.class,
        description = "Keeps container images fresh: watches base images and rebuilds their dependents in order.",
        subcommands = {ValidateCommand.class, StatusCommand.class, ImpactCommand.class, RebuildCommand.class,
                RecordBuildCommand.class, CatalogCommand.class, SyncCommand.class, CheckCommand.class,
                TagsCommand.class, DiscoverCommand.class, ServeCommand.class, CommandLine.HelpCommand.class})
public final class ImageFactoryCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and the tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new ImageFactoryCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("error: " + CliErrors.describe(e));
                    return 1;
                });
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command; see image-factory --help");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = ImageFactoryCommand.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {"image-factory " + properties.getProperty("version", "unknown")};
        }
    }
}
