package io.jenkins.plugins.imagefactory.cli;

import io.jenkins.plugins.imagefactory.git.ConfigRepository;
import io.jenkins.plugins.imagefactory.git.PublishResult;
import io.jenkins.plugins.imagefactory.rebuild.BuildReport;
import io.jenkins.plugins.imagefactory.sync.ManualActions;
import java.io.PrintWriter;
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
        description = {"Record the result of an image's build (for webhook-triggered builders): the build the --key"
                + " names, which must be the image's current one, or without --key the build in progress.",
                "A build that already finished keeps its result (exit 0, nothing committed) unless --force."})
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

    @Option(names = "--key", paramLabel = "KEY",
            description = "the idempotency key the build was sent (X-Image-Factory-Key, or \"key\" in the context JSON)")
    String key;

    @Option(names = "--digest", paramLabel = "DIGEST", description = "the digest the build pushed, sha256:<64 hex>")
    String digest;

    @Option(names = "--run-url", paramLabel = "URL", description = "the build's page")
    String runUrl;

    @Option(names = "--force", description = "rewrite the result of a build that already finished (needs --key)")
    boolean force;

    @Option(names = "--actor", defaultValue = "${USER:-cli}", description = "who reports (default: ${DEFAULT-VALUE})")
    String actor;

    @Override
    public Integer call() {
        if (force && key == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--force needs --key: say which build to correct");
        }
        BuildReport[] report = new BuildReport[1];
        Arguments.check(spec, "record-build", () ->
                report[0] = new BuildReport(result == Result.success, key, digest, runUrl, actor, force));
        PrintWriter out = spec.commandLine().getOut();
        try (ConfigRepository repository = repo.open()) {
            ManualActions.ReportOutcome outcome = new ManualActions(repository, Clock.systemUTC()).recordBuild(name, report[0]);
            out.println(outcome.message() + (outcome.published() instanceof PublishResult.Published p
                    ? " (commit " + p.commitId().substring(0, 12) + ")" : ""));
            return 0;
        }
    }
}
