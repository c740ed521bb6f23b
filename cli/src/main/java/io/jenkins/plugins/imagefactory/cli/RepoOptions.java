package io.jenkins.plugins.imagefactory.cli;

import io.jenkins.plugins.imagefactory.config.ConfigLoader;
import io.jenkins.plugins.imagefactory.config.ImageFactoryConfig;
import io.jenkins.plugins.imagefactory.git.ConfigRepository;
import io.jenkins.plugins.imagefactory.git.ConfigRepositoryLocation;
import io.jenkins.plugins.imagefactory.secret.EnvironmentSecretResolver;
import io.jenkins.plugins.imagefactory.state.StateStore;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The config repo options shared by every command that reads or writes state. */
final class RepoOptions {

    @Option(names = "--repo", required = true, paramLabel = "URL|DIR",
            description = "the config repo: a git URL (https, ssh, file) or a directory")
    String repo;

    @Option(names = "--branch", defaultValue = "main", description = "branch of the config repo (default: ${DEFAULT-VALUE})")
    String branch;

    @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = "${IMAGE_FACTORY_WORK_DIR:-.image-factory}",
            description = "where clones, mirrors and caches live (default: ${DEFAULT-VALUE}; env IMAGE_FACTORY_WORK_DIR)")
    Path workDir;

    @Option(names = "--repo-credentials", paramLabel = "REF",
            description = "credentials reference for the config repo: env var REF (token) or REF_USERNAME + REF_PASSWORD")
    String credentials;

    /**
     * The config repo refreshed, its config loaded (invalid: an exception listing every error) and
     * its state store; close it to close the repository.
     */
    record Loaded(ConfigRepository repository, ImageFactoryConfig config, StateStore store) implements AutoCloseable {
        @Override
        public void close() {
            repository.close();
        }
    }

    Loaded load() {
        ConfigRepository repository = open();
        try {
            repository.refresh();
            ImageFactoryConfig config = ConfigLoader.load(repository.workTree()).orThrow();
            return new Loaded(repository, config, new StateStore(repository.workTree(), config.settings().paths()));
        } catch (RuntimeException e) {
            repository.close();
            throw e;
        }
    }

    ConfigRepository open() {
        ConfigRepositoryLocation location = ConfigRepositoryLocation.of(repo, branch, workDir.resolve("config-repo"));
        if (credentials != null) {
            location = location.withCredentials(credentials);
        }
        return ConfigRepository.open(location, EnvironmentSecretResolver.fromSystem());
    }
}
