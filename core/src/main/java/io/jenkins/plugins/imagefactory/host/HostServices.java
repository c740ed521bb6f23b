package io.jenkins.plugins.imagefactory.host;

import io.jenkins.plugins.imagefactory.config.Enrollment;
import io.jenkins.plugins.imagefactory.config.ImageFactoryConfig;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.net.HttpClientFactory;
import io.jenkins.plugins.imagefactory.registry.RegistryException;
import io.jenkins.plugins.imagefactory.registry.TagDetails;
import io.jenkins.plugins.imagefactory.registry.TagDetailsPage;
import io.jenkins.plugins.imagefactory.secret.SecretResolver;
import io.jenkins.plugins.imagefactory.status.RunSource;
import io.jenkins.plugins.imagefactory.status.TagSource;
import io.jenkins.plugins.imagefactory.trigger.BuildTriggers;
import io.jenkins.plugins.imagefactory.trigger.GitHubActionsClient;
import io.jenkins.plugins.imagefactory.trigger.GitHubRunSource;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The read APIs' data sources both hosts serve: tags from the registries the config names, runs
 * from GitHub with the host's own token (never the caller's, never shown to the caller).
 */
public final class HostServices {

    private HostServices() {
    }

    /** Tags (Req 12) from the registry's own API: Docker Hub, GitHub Packages, or plain OCI. */
    public static TagSource tags(Supplier<ImageFactoryConfig> config, StandardPorts ports) {
        return (repository, page, perPage) -> {
            try {
                return tagPage(repository, ports.registryClient(config.get()).tagDetails(repository, page, perPage));
            } catch (RegistryException e) {
                throw new TagSource.TagSourceException(e.getMessage(), e);
            }
        };
    }

    /** A registry's page of tags as the API shows it (and {@code image-factory tags --json} prints it). */
    public static TagSource.TagPage tagPage(ImageReference repository, TagDetailsPage details) {
        List<TagSource.TagInfo> tags = details.tags().stream().map(tag -> info(repository, tag)).toList();
        return new TagSource.TagPage(tags, details.page(), details.pageSize(), details.hasNext(), details.datesKnown());
    }

    private static TagSource.TagInfo info(ImageReference repository, TagDetails tag) {
        String reference = tag.digest() == null ? null : repository.name() + ":" + tag.tag() + "@" + tag.digest();
        return new TagSource.TagInfo(tag.tag(), tag.digest(), tag.sizeBytes(), tag.publishedAt(), reference);
    }

    /** Workflow runs (Req 13) of each image's own GitHub Actions workflow, with the config's GitHub credentials. */
    public static RunSource runs(Supplier<ImageFactoryConfig> config, SecretResolver secrets) {
        return runs(config, secrets, HttpClientFactory.standard());
    }

    /** The same, calling GitHub with the host's HTTP clients (its proxy settings). */
    public static RunSource runs(Supplier<ImageFactoryConfig> config, SecretResolver secrets, HttpClientFactory clients) {
        return runs(() -> BuildTriggers.gitHubClient(config.get().settings(), secrets, clients),
                "no GitHub credentials are configured (buildSystems.github.credentials)");
    }

    /**
     * Workflow runs with whichever GitHub client the host has when asked (credentials may change at
     * any time); without one, a 404 saying {@code missing}: where to set them on this host.
     */
    public static RunSource runs(Supplier<Optional<GitHubActionsClient>> client, String missing) {
        return new RunSource() {
            @Override
            public RunPage runs(Enrollment enrollment, int page, int perPage) throws RunSourceException {
                return source().runs(enrollment, page, perPage);
            }

            @Override
            public void rerun(Enrollment enrollment, long id) throws RunSourceException {
                source().rerun(enrollment, id);
            }

            private GitHubRunSource source() throws RunSourceException {
                return new GitHubRunSource(client.get().orElseThrow(() -> new RunSourceException(missing, 404, null)));
            }
        };
    }
}
