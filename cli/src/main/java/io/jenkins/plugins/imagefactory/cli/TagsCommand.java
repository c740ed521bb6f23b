package io.jenkins.plugins.imagefactory.cli;

import io.jenkins.plugins.imagefactory.api.ApiReadRoutes;
import io.jenkins.plugins.imagefactory.config.GlobalSettings;
import io.jenkins.plugins.imagefactory.host.HostServices;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.registry.RegistryClient;
import io.jenkins.plugins.imagefactory.registry.RegistryException;
import io.jenkins.plugins.imagefactory.registry.TagDetails;
import io.jenkins.plugins.imagefactory.registry.TagDetailsPage;
import io.jenkins.plugins.imagefactory.state.StateMapper;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "tags", mixinStandardHelpOptions = true,
        description = "List a repository's tags with digest, size and published date, newest first where the registry"
                + " gives dates (Docker Hub and GHCR APIs; generic registries have no dates).")
final class TagsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "REF", description = "repository, e.g. python or ghcr.io/acme/app")
    String reference;

    @Option(names = "--page", defaultValue = "1", description = "page number (default: ${DEFAULT-VALUE})")
    int page;

    @Option(names = "--per-page", defaultValue = "30", description = "tags per page, 1 to 100 (default: ${DEFAULT-VALUE}, as the API)")
    int perPage;

    @Option(names = "--json", description = "print the page as JSON, in the shape GET /api/v1/images/NAME/tags answers")
    boolean json;

    @Option(names = "--config", paramLabel = "DIR",
            description = "config repo directory: registry settings and credentials references (GHCR's API needs a token)")
    java.nio.file.Path config;

    @Override
    public Integer call() throws Exception {
        if (page < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--page must be 1 or more, got " + page);
        }
        if (perPage < 1 || perPage > 100) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--per-page must be 1..100, got " + perPage);
        }
        ImageReference repository = Arguments.reference(spec, "REF", reference);
        GlobalSettings settings = config == null ? GlobalSettings.DEFAULT
                : io.jenkins.plugins.imagefactory.config.ConfigLoader.load(config).orThrow().settings();
        RegistryClient client = CliHost.registryClient(settings);
        PrintWriter out = spec.commandLine().getOut();
        try {
            TagDetailsPage tags = client.tagDetails(repository, page, perPage);
            if (json) {
                out.println(StateMapper.json().writeValueAsString(
                        ApiReadRoutes.TagsAnswer.fresh(HostServices.tagPage(repository, tags), Instant.now())));
                return 0;
            }
            for (TagDetails tag : tags.tags()) {
                out.printf("%-40s %-71s %12s %s%n", tag.tag(), tag.digest() == null ? "-" : tag.digest(),
                        tag.sizeBytes() == null ? "-" : tag.sizeBytes(), tag.publishedAt() == null ? "-" : tag.publishedAt());
            }
            out.println("page " + tags.page() + (tags.hasNext() ? " (more: --page " + (tags.page() + 1) + ")" : " (last)")
                    + (tags.datesKnown() ? "" : "; this registry gives no dates: " + tags.note()));
            return 0;
        } catch (RegistryException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 1;
        }
    }
}
