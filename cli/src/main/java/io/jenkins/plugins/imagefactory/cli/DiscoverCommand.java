package io.jenkins.plugins.imagefactory.cli;

import io.jenkins.plugins.imagefactory.config.ConfigError;
import io.jenkins.plugins.imagefactory.config.ConfigLoadResult;
import io.jenkins.plugins.imagefactory.config.ConfigLoader;
import io.jenkins.plugins.imagefactory.config.Enrollment;
import io.jenkins.plugins.imagefactory.config.ImageFactoryConfig;
import io.jenkins.plugins.imagefactory.dockerfile.Dependency;
import io.jenkins.plugins.imagefactory.dockerfile.DockerfileAnalysis;
import io.jenkins.plugins.imagefactory.dockerfile.DockerfileAnalyzer;
import io.jenkins.plugins.imagefactory.dockerfile.DockerfileException;
import io.jenkins.plugins.imagefactory.state.DiscoveredBase;
import io.jenkins.plugins.imagefactory.state.StateMapper;
import io.jenkins.plugins.imagefactory.sync.DiscoveryOutcome;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "discover", mixinStandardHelpOptions = true,
        description = "Find the base images a Dockerfile (or every enrollment of a config repo) depends on.")
final class DiscoverCommand implements Callable<Integer> {

    static final class Input {
        @Option(names = "--dockerfile", paramLabel = "FILE", required = true, description = "a Dockerfile to analyse")
        Path dockerfile;

        @Option(names = "--config", paramLabel = "DIR", required = true,
                description = "a config repo directory: read every enrollment's Dockerfile from git")
        Path config;
    }

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    @Option(names = "--build-arg", paramLabel = "K=V", description = "a build arg (repeatable; with --dockerfile)")
    Map<String, String> buildArgs = new LinkedHashMap<>();

    @Option(names = "--target", paramLabel = "STAGE", description = "the stage that is built (with --dockerfile)")
    String target;

    @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = "${IMAGE_FACTORY_WORK_DIR:-.image-factory}",
            description = "where source mirrors live (with --config; default: ${DEFAULT-VALUE})")
    Path workDir;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        return input.dockerfile != null ? dockerfile() : config();
    }

    private Integer dockerfile() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        String text = Files.readString(input.dockerfile, StandardCharsets.UTF_8);
        DockerfileAnalysis analysis;
        try {
            analysis = DockerfileAnalyzer.analyze(text, buildArgs, target);
        } catch (DockerfileException e) {
            spec.commandLine().getErr().println(input.dockerfile + ":" + e.getMessage().replaceFirst("^line ", ""));
            return 1;
        }
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Dependency d : analysis.dependencies()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("ref", d.ref().canonical());
                row.put("instruction", d.instruction().text());
                row.put("stage", d.stage());
                row.put("primary", d.primary());
                row.put("pinned", d.pinned());
                row.put("reachable", d.reachable());
                rows.add(row);
            }
            out.println(StateMapper.json().writeValueAsString(rows));
            return 0;
        }
        for (Dependency d : analysis.dependencies()) {
            out.println(line(d.ref().canonical(), d.instruction().text(), d.stage(), d.primary(), d.pinned(), d.reachable()));
        }
        if (analysis.dependencies().isEmpty()) {
            out.println("no external base images (FROM scratch or internal stages only)");
        }
        return 0;
    }

    private Integer config() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ConfigLoadResult loaded = ConfigLoader.load(input.config);
        if (loaded instanceof ConfigLoadResult.Invalid invalid) {
            invalid.errors().stream().map(ConfigError::toString).forEach(err::println);
            return 1;
        }
        ImageFactoryConfig config = ((ConfigLoadResult.Valid) loaded).config();
        err.println("discover: reading " + config.enrollments().size() + " Dockerfiles");
        Map<String, DiscoveryOutcome> outcomes = CliHost.ports(workDir).discoverer(config).discover(config.enrollments(), Map.of());
        int failed = 0;
        Map<String, Object> report = new LinkedHashMap<>();
        for (Enrollment enrollment : config.enrollments()) {
            DiscoveryOutcome outcome = outcomes.get(enrollment.name());
            if (outcome instanceof DiscoveryOutcome.Found found) {
                report.put(enrollment.name(), Map.of("commit", found.commit(), "bases", found.bases()));
                if (!this.json) {
                    out.println(enrollment.name() + " (" + found.dockerfile() + " at " + found.commit().substring(0, 12) + ")");
                    for (DiscoveredBase base : found.bases()) {
                        out.println("  " + line(base.ref(), base.instruction(), base.stage(), base.primary(), base.pinned(),
                                base.reachable()));
                    }
                    if (found.bases().isEmpty()) {
                        out.println("  no external base images");
                    }
                }
            } else {
                failed++;
                String message = ((DiscoveryOutcome.Failed) outcome).message();
                report.put(enrollment.name(), Map.of("error", message));
                if (!this.json) {
                    out.println(enrollment.name() + ": ERROR " + message);
                }
            }
        }
        if (json) {
            out.println(StateMapper.json().writeValueAsString(report));
        }
        err.println((config.enrollments().size() - failed) + " of " + config.enrollments().size()
                + " enrollments discovered, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }

    private static String line(String ref, String instruction, String stage, boolean primary, boolean pinned,
                               boolean reachable) {
        return ref + "  " + instruction + "  stage " + stage + (primary ? "  primary" : "") + (pinned ? "  pinned" : "")
                + (reachable ? "" : "  unreachable");
    }
}
