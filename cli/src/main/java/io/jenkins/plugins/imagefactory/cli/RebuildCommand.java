package io.jenkins.plugins.imagefactory.cli;

import io.jenkins.plugins.imagefactory.git.ConfigRepository;
import io.jenkins.plugins.imagefactory.git.PublishResult;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.sync.ManualActions;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "rebuild", mixinStandardHelpOptions = true,
        description = "Request a rebuild of an enrolled image; the next sync triggers it. --urgent bypasses the delay.")
final class RebuildCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RepoOptions repo;

    @Parameters(paramLabel = "NAME", description = "enrollment name")
    String name;

    @Option(names = "--urgent", description = "bypass the rebuild delay (needs --reason)")
    boolean urgent;

    @Option(names = "--reason", paramLabel = "TEXT", description = "why, e.g. CVE-2026-1234")
    String reason;

    @Option(names = "--base", paramLabel = "REF", description = "with --urgent: bypass the delay for this base only")
    String base;

    @Option(names = "--reset-breaker", description = "also close the circuit breaker after repeated failures")
    boolean resetBreaker;

    @Option(names = "--actor", defaultValue = "${USER:-cli}", description = "who asks (default: ${DEFAULT-VALUE})")
    String actor;

    @Override
    public Integer call() {
        if (urgent && (reason == null || reason.isBlank())) {
            spec.commandLine().getErr().println("error: --urgent needs --reason (e.g. the CVE id)");
            return 2;
        }
        try (ConfigRepository repository = repo.open()) {
            ManualActions actions = new ManualActions(repository, Clock.systemUTC());
            if (resetBreaker) {
                actions.resetBreaker(name, actor);
            }
            String baseRef = base == null ? null : ImageReference.parse(base).canonical();
            PublishResult result = actions.requestRebuild(name, urgent, reason, baseRef, actor);
            spec.commandLine().getOut().println((urgent ? "urgent " : "") + "rebuild of " + name + " requested"
                    + (result instanceof PublishResult.Published p ? " (commit " + p.commitId().substring(0, 12) + ")" : "")
                    + "; the next sync triggers it");
            return 0;
        }
    }
}
