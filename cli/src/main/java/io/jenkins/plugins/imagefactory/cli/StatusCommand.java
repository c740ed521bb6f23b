package io.jenkins.plugins.imagefactory.cli;

import io.jenkins.plugins.imagefactory.config.ImageFactoryConfig;
import io.jenkins.plugins.imagefactory.rebuild.PlannedRebuild;
import io.jenkins.plugins.imagefactory.rebuild.RebuildPlan;
import io.jenkins.plugins.imagefactory.rebuild.RebuildPlanner;
import io.jenkins.plugins.imagefactory.state.StateMapper;
import io.jenkins.plugins.imagefactory.state.StateStore;
import io.jenkins.plugins.imagefactory.status.ImageStatus;
import io.jenkins.plugins.imagefactory.status.StatusReader;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Every tracked image: role, digest, last update, bases, dependents, rebuild status, last error.")
final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RepoOptions repo;

    @Option(names = "--json", description = "print a JSON array")
    boolean json;

    @Override
    public Integer call() throws Exception {
        try (RepoOptions.Loaded loaded = repo.load()) {
            ImageFactoryConfig config = loaded.config();
            StateStore store = loaded.store();
            var rebuilds = store.loadRebuilds();
            StatusReader reader = new StatusReader(config, store.loadImages(), rebuilds);
            RebuildPlan plan = RebuildPlanner.plan(config, reader.graph(), store.loadImages(), rebuilds, Clock.systemUTC().instant());
            List<ImageStatus> all = reader.all();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                List<Map<String, Object>> rows = all.stream().map(s -> row(s, plan)).toList();
                out.println(StateMapper.json().writerWithDefaultPrettyPrinter().writeValueAsString(rows));
                return 0;
            }
            for (ImageStatus status : all) {
                out.println(status.ref() + "  [" + status.role() + "]" + (status.enrollment() == null ? "" : "  " + status.enrollment()));
                out.println("    digest:     " + (status.digest() == null ? "(not checked yet)" : status.digest())
                        + (status.lastUpdate() == null ? "" : "  since " + status.lastUpdate().firstSeen()));
                if (!status.dependencies().isEmpty()) {
                    out.println("    bases:      " + String.join(", ", status.dependencies()));
                }
                if (!status.dependents().isEmpty()) {
                    out.println("    dependents: " + String.join(", ", status.dependents()));
                }
                if (status.enrollment() != null) {
                    plan.image(status.enrollment()).ifPresent(p -> out.println("    rebuild:    " + describe(p)));
                }
                if (status.error() != null) {
                    out.println("    ERROR:      " + status.error());
                }
            }
            out.println(all.size() + " images tracked");
            return 0;
        }
    }

    static String describe(PlannedRebuild plan) {
        StringBuilder text = new StringBuilder(plan.status().label());
        if (plan.dueAt() != null) {
            text.append(", next due ").append(plan.dueAt());
        }
        if (plan.waitingOn() != null) {
            text.append(" (").append(plan.waitingOn()).append(')');
        }
        if (!plan.causes().isEmpty()) {
            text.append("; causes: ");
            text.append(String.join(", ", plan.causes().stream().map(c -> c.base() + " -> " + c.newDigest()).toList()));
        }
        return text.toString();
    }

    private static Map<String, Object> row(ImageStatus status, RebuildPlan plan) {
        Map<String, Object> row = new LinkedHashMap<>(StateMapper.json().convertValue(status,
                new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { }));
        if (status.enrollment() != null) {
            plan.image(status.enrollment()).ifPresent(p -> row.put("rebuild", StateMapper.json().convertValue(p, Map.class)));
        }
        return row;
    }
}
