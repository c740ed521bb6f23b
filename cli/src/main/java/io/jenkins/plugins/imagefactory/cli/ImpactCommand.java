package io.jenkins.plugins.imagefactory.cli;

import io.jenkins.plugins.imagefactory.config.Enrollment;
import io.jenkins.plugins.imagefactory.config.ImageFactoryConfig;
import io.jenkins.plugins.imagefactory.graph.ImageGraph;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.state.StateMapper;
import io.jenkins.plugins.imagefactory.status.StatusView;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "impact", mixinStandardHelpOptions = true,
        description = {"What a new digest of REF (or of the enrolled image NAME) would rebuild, in steps: the images of"
                + " one step can build in parallel once the steps before them finished."})
final class ImpactCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RepoOptions repo;

    @Parameters(paramLabel = "REF|NAME", description = "an image reference (python:3.12-slim) or an enrollment name")
    String reference;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        try (RepoOptions.Loaded loaded = repo.load()) {
            ImageFactoryConfig config = loaded.config();
            StatusView view = StatusView.of(config, loaded.repository().workTree(), Instant.now());
            ImageGraph graph = view.reader().graph();
            Optional<Enrollment> enrollment = config.enrollment(reference);
            ImageReference ref;
            if (enrollment.isPresent()) {
                ref = enrollment.get().references().get(0);
            } else {
                Optional<ImageReference> parsed = parse(reference);
                if (parsed.isEmpty()) {
                    spec.commandLine().getErr().println("error: " + reference + " is neither an enrollment name nor an"
                            + " image reference" + view.suggest(reference));
                    return 1;
                }
                ref = parsed.get();
                if (graph.role(ref).isEmpty() && !json) {
                    spec.commandLine().getOut().println(ref.canonical() + " is not tracked: no enrolled image builds on it"
                            + view.suggest(reference));
                    return 0;
                }
            }
            List<List<String>> steps = graph.impactSteps(ref);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("ref", ref.canonical());
                answer.put("enrollment", enrollment.map(Enrollment::name).orElse(null));
                answer.put("tracked", graph.role(ref).isPresent());
                answer.put("rebuilds", steps.stream().flatMap(List::stream).toList());
                answer.put("steps", steps);
                out.println(StateMapper.json().writeValueAsString(answer));
                return 0;
            }
            int images = 0;
            for (int i = 0; i < steps.size(); i++) {
                out.println("step " + (i + 1) + ": " + String.join(", ", steps.get(i))
                        + (steps.get(i).size() > 1 ? "  (in parallel)" : ""));
                images += steps.get(i).size();
            }
            out.println(enrollment.map(e -> "a new digest of " + e.name() + " (" + ref.canonical() + ")")
                    .orElse("a new digest of " + ref.canonical()) + " would rebuild " + images + " image"
                    + (images == 1 ? "" : "s") + (steps.isEmpty() ? "" : " in " + steps.size() + " step"
                    + (steps.size() == 1 ? "" : "s")));
            return 0;
        }
    }

    private static Optional<ImageReference> parse(String text) {
        try {
            return Optional.of(ImageReference.parse(text));
        } catch (IllegalArgumentException notAReference) {
            return Optional.empty();
        }
    }
}
