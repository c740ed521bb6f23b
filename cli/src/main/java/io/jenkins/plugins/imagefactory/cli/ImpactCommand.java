package io.jenkins.plugins.imagefactory.cli;

import io.jenkins.plugins.imagefactory.graph.ImageGraph;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.state.StateMapper;
import io.jenkins.plugins.imagefactory.sync.GraphBuilder;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "impact", mixinStandardHelpOptions = true,
        description = "What a new digest of REF would rebuild, in the order the builds would run.")
final class ImpactCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RepoOptions repo;

    @Parameters(paramLabel = "REF", description = "an image reference, e.g. python:3.12-slim")
    String reference;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ImageReference ref = ImageReference.parse(reference);
        try (RepoOptions.Loaded loaded = repo.load()) {
            ImageGraph graph = GraphBuilder.build(loaded.config(), Map.of(), loaded.store().loadImages());
            List<String> order = graph.impact(ref);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(StateMapper.json().writeValueAsString(Map.of("ref", ref.canonical(), "rebuilds", order,
                        "tracked", graph.role(ref).isPresent())));
                return 0;
            }
            if (graph.role(ref).isEmpty()) {
                out.println(ref.canonical() + " is not tracked: no enrolled image builds on it");
                return 0;
            }
            for (int i = 0; i < order.size(); i++) {
                out.println((i + 1) + ". " + order.get(i));
            }
            out.println(ref.canonical() + ": " + order.size() + " image" + (order.size() == 1 ? "" : "s") + " would be rebuilt");
            return 0;
        }
    }
}
