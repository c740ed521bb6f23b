package io.jenkins.plugins.imagefactory.cli;

import io.jenkins.plugins.imagefactory.catalog.CatalogGenerator;
import io.jenkins.plugins.imagefactory.catalog.CatalogWriter;
import io.jenkins.plugins.imagefactory.config.ImageFactoryConfig;
import io.jenkins.plugins.imagefactory.graph.ImageGraph;
import io.jenkins.plugins.imagefactory.rebuild.RebuildPlanner;
import io.jenkins.plugins.imagefactory.state.StateStore;
import io.jenkins.plugins.imagefactory.sync.GraphBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "catalog", mixinStandardHelpOptions = true,
        description = "Write the Backstage catalog entities for the config repo's current state into a folder (no commit).")
final class CatalogCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RepoOptions repo;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "folder to write index.yaml and entities/ into")
    Path out;

    @Override
    public Integer call() {
        try (RepoOptions.Loaded loaded = repo.load()) {
            ImageFactoryConfig config = loaded.config();
            StateStore store = loaded.store();
            var images = store.loadImages();
            var rebuilds = store.loadRebuilds();
            ImageGraph graph = GraphBuilder.build(config, Map.of(), images);
            Map<String, String> files = new CatalogGenerator(config, graph, images, rebuilds,
                    RebuildPlanner.plan(config, graph, images, rebuilds, Clock.systemUTC().instant())).files();
            CatalogWriter.write(out, files);
            spec.commandLine().getOut().println((files.size() - 1) + " entities and " + CatalogGenerator.INDEX_FILE
                    + " written to " + out);
            return 0;
        }
    }
}
