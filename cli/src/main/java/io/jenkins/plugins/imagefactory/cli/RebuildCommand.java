package io.jenkins.plugins.imagefactory.cli;

import io.jenkins.plugins.imagefactory.git.ConfigRepository;
import io.jenkins.plugins.imagefactory.git.PublishResult;
import io.jenkins.plugins.imagefactory.state.RebuildRequest;
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
            throw new CommandLine.ParameterException(spec.commandLine(), "--urgent needs --reason (e.g. the CVE id)");
        }
        if (base != null && !urgent) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--base needs --urgent: it says which base's delay"
                    + " to bypass");
        }
        Arguments.check(spec, "--reason", () -> ManualActions.checkReason(reason));
        String baseRef = base == null ? null : Arguments.reference(spec, "--base", base).canonical();
        try (ConfigRepository repository = repo.open()) {
            ManualActions actions = new ManualActions(repository, Clock.systemUTC());
            if (resetBreaker) {
                actions.resetBreaker(name, actor);
            }
            PublishResult result = actions.requestRebuild(name, urgent, reason, baseRef, actor);
            // A plain request folded into a pending urgent one leaves it urgent: say so.
            String stays = urgent ? "" : actions.pendingRequest(name).filter(RebuildRequest::urgent)
                    .map(r -> "; it stays urgent (" + r.reason() + ")").orElse("");
            spec.commandLine().getOut().println((urgent ? "urgent " : "") + "rebuild of " + name + " requested"
                    + (result instanceof PublishResult.Published p ? " (commit " + p.commitId().substring(0, 12) + ")" : "")
                    + stays + "; the next sync triggers it");
            return 0;
        }
    }
}
