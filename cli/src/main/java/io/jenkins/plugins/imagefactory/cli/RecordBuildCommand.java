package io.jenkins.plugins.imagefactory.cli;

import io.jenkins.plugins.imagefactory.git.ConfigRepository;
import io.jenkins.plugins.imagefactory.status.Links;
import io.jenkins.plugins.imagefactory.sync.ManualActions;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "record-build", mixinStandardHelpOptions = true,
        description = "Record the result of an image's current rebuild (for webhook-triggered builders).")
final class RecordBuildCommand implements Callable<Integer> {

    enum Result { success, failure }

    @Spec
    CommandSpec spec;

    @Mixin
    RepoOptions repo;

    @Parameters(paramLabel = "NAME", description = "enrollment name")
    String name;

    @Option(names = "--result", required = true, description = "success or failure")
    Result result;

    @Option(names = "--digest", paramLabel = "DIGEST", description = "the digest the build pushed")
    String digest;

    @Option(names = "--run-url", paramLabel = "URL", description = "the build's page")
    String runUrl;

    @Option(names = "--actor", defaultValue = "${USER:-cli}", description = "who reports (default: ${DEFAULT-VALUE})")
    String actor;

    @Override
    public Integer call() {
        if (runUrl != null && Links.safeHref(runUrl) == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--run-url must be an http(s) URL or a path on the build server (/job/app/3/), got " + runUrl);
        }
        try (ConfigRepository repository = repo.open()) {
            new ManualActions(repository, Clock.systemUTC()).recordBuild(name, result == Result.success, digest, runUrl, actor);
            spec.commandLine().getOut().println("recorded " + result + " for " + name);
            return 0;
        }
    }
}
