package io.jenkins.plugins.imagefactory.cli;

import io.jenkins.plugins.imagefactory.state.StateMapper;
import io.jenkins.plugins.imagefactory.status.StatusText;
import io.jenkins.plugins.imagefactory.status.StatusView;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Every tracked image: role, digest, bases, dependents, where its rebuild stands and why, its last"
                + " build and its error.", "With NAME, one image in full: its config, every digest and every build."})
final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RepoOptions repo;

    @Parameters(paramLabel = "NAME", arity = "0..1", description = "an enrollment name or an image reference")
    String name;

    @Option(names = "--json", description = "print JSON: the API's image rows, or with NAME the API's image detail")
    boolean json;

    @Override
    public Integer call() throws Exception {
        try (RepoOptions.Loaded loaded = repo.load()) {
            StatusView view = StatusView.of(loaded.config(), loaded.repository().workTree(), Clock.systemUTC().instant());
            PrintWriter out = spec.commandLine().getOut();
            if (name != null) {
                Optional<StatusView.ImageDetail> detail = view.detail(name);
                if (detail.isEmpty()) {
                    spec.commandLine().getErr().println("error: no tracked image " + name + view.suggest(name));
                    return 1;
                }
                if (json) {
                    out.println(StateMapper.json().writerWithDefaultPrettyPrinter().writeValueAsString(detail.get()));
                } else {
                    StatusText.detailLines(detail.get()).forEach(out::println);
                }
                return 0;
            }
            List<StatusView.ImageRow> rows = view.rows();
            if (json) {
                out.println(StateMapper.json().writerWithDefaultPrettyPrinter().writeValueAsString(rows));
                return 0;
            }
            rows.forEach(row -> StatusText.lines(row).forEach(out::println));
            out.println(rows.size() + " images tracked");
            return 0;
        }
    }
}
