package io.jenkins.plugins.imagefactory.cli;

import io.jenkins.plugins.imagefactory.config.ConfigError;
import io.jenkins.plugins.imagefactory.git.ConfigRepository;
import io.jenkins.plugins.imagefactory.sync.SyncEngine;
import io.jenkins.plugins.imagefactory.sync.SyncOptions;
import io.jenkins.plugins.imagefactory.sync.SyncResult;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "sync", mixinStandardHelpOptions = true,
        description = "One full cycle: load + validate config, discover, check digests, update state, plan and trigger"
                + " rebuilds, commit and push. Progress on stderr, a summary at the end.")
final class SyncCommand implements Callable<Integer> {

    /** Another instance writes the config repo: nothing was done; try again later (sysexits' EX_TEMPFAIL). */
    static final int NOT_WRITER = 75;

    @Spec
    CommandSpec spec;

    @Mixin
    RepoOptions repo;

    @Option(names = "--dry-run", description = "write, push and trigger nothing; print what would change")
    boolean dryRun;

    @Option(names = "--allow-errors", description = "exit 0 even when a rebuild could not be dispatched or a new error"
            + " was recorded (they are still recorded and printed)")
    boolean allowErrors;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        try (ConfigRepository repository = repo.open()) {
            SyncEngine engine = new SyncEngine(repository, CliHost.ports(repo.workDir), Clock.systemUTC(),
                    message -> err.println("sync: " + message));
            SyncResult result;
            try {
                result = engine.sync(SyncOptions.scheduled().withDryRun(dryRun));
            } finally {
                if (!dryRun) {
                    // a one-shot sync must not keep a serve instance waiting for the lease to lapse
                    try {
                        engine.releaseLease();
                    } catch (RuntimeException e) {
                        err.println("sync: could not release the writer lease (it lapses by itself): " + e.getMessage());
                    }
                }
            }
            if (result instanceof SyncResult.NotWriter standby) {
                err.println("sync: " + standby.message());
                return NOT_WRITER;
            }
            if (result instanceof SyncResult.InvalidConfig invalid) {
                for (ConfigError error : invalid.errors()) {
                    err.println(error);
                }
                err.println(invalid.errors().size() + " config errors; nothing was changed");
                return 1;
            }
            SyncResult.Completed completed = (SyncResult.Completed) result;
            completed.missingCredentials().forEach(line -> err.println("warning: " + line));
            for (String line : completed.summary().lines()) {
                out.println("  " + line);
            }
            int commits = completed.commits().size();
            out.println((dryRun ? "dry run: " : "") + completed.summary().headline() + "; " + commits + " commit"
                    + (commits == 1 ? "" : "s") + "; watching " + completed.snapshot().images().size() + " images"
                    + (completed.plan().nextWakeUp() == null ? "" : "; next rebuild due " + completed.plan().nextWakeUp()));
            int failures = completed.failures().size();
            if (failures > 0 && !allowErrors) {
                err.println(failures + " new error(s) or failed dispatch(es), listed above: exit 1 (--allow-errors exits 0)");
                return 1;
            }
            return 0;
        }
    }
}
