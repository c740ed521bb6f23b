package io.jenkins.plugins.imagefactory.host;

import io.jenkins.plugins.imagefactory.config.GlobalSettings;
import io.jenkins.plugins.imagefactory.config.ImageFactoryConfig;
import io.jenkins.plugins.imagefactory.dockerfile.DockerfileDiscoverer;
import io.jenkins.plugins.imagefactory.git.GitNetwork;
import io.jenkins.plugins.imagefactory.net.HttpClientFactory;
import io.jenkins.plugins.imagefactory.rebuild.RebuildCoordinator;
import io.jenkins.plugins.imagefactory.registry.RegistryClient;
import io.jenkins.plugins.imagefactory.registry.RegistryEndpoints;
import io.jenkins.plugins.imagefactory.secret.SecretResolver;
import io.jenkins.plugins.imagefactory.source.GitSourceReader;
import io.jenkins.plugins.imagefactory.source.SourceCredentials;
import io.jenkins.plugins.imagefactory.sync.CyclePorts;
import io.jenkins.plugins.imagefactory.sync.DigestChecker;
import io.jenkins.plugins.imagefactory.sync.Discoverer;
import io.jenkins.plugins.imagefactory.trigger.BuildTrigger;
import io.jenkins.plugins.imagefactory.watch.DigestWatcher;
import io.jenkins.plugins.imagefactory.watch.WatcherDigestChecker;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The production ports both hosts use: Dockerfiles read from git, digests from the registries the
 * config names, builds through the build systems the host knows. A host adds only what is its own
 * (the Jenkins plugin: a trigger for jobs on its controller; both: their secret store).
 */
public final class StandardPorts implements CyclePorts {

    /** Keep this many requests of a registry's rate budget for webhook-hinted checks. */
    public static final int BUDGET_RESERVE = 10;
    public static final int PARALLELISM = 8;

    private final SecretResolver secrets;
    private final Path workDir;
    private final RegistryEndpoints endpoints;
    private final Function<ImageFactoryConfig, Map<String, BuildTrigger>> triggers;
    private final Clock clock;
    private final HttpClientFactory clients;
    private final String localSourceRefusal;
    private final GitNetwork gitNetwork;

    /**
     * @param secrets   the host's secret store
     * @param workDir   where git mirrors and the check-time cache live
     * @param endpoints registry API hosts (standard ones, or stand-ins in tests)
     * @param triggers  build systems by {@code build:} kind, from the cycle's config
     */
    public StandardPorts(SecretResolver secrets, Path workDir, RegistryEndpoints endpoints,
                         Function<ImageFactoryConfig, Map<String, BuildTrigger>> triggers, Clock clock) {
        this(secrets, workDir, endpoints, triggers, clock, HttpClientFactory.standard());
    }

    /**
     * @param clients the host's HTTP clients: every registry, GitHub, Jenkins and webhook call of
     *                the engine is made with them (the Jenkins plugin passes its proxy-aware builder)
     */
    public StandardPorts(SecretResolver secrets, Path workDir, RegistryEndpoints endpoints,
                         Function<ImageFactoryConfig, Map<String, BuildTrigger>> triggers, Clock clock,
                         HttpClientFactory clients) {
        this.clients = clients;
        this.secrets = secrets;
        this.workDir = workDir;
        this.endpoints = endpoints;
        this.triggers = triggers;
        this.clock = clock;
        this.localSourceRefusal = null;
        this.gitNetwork = GitNetwork.direct();
    }

    private StandardPorts(StandardPorts from, String localSourceRefusal, GitNetwork gitNetwork) {
        this.clients = from.clients;
        this.secrets = from.secrets;
        this.workDir = from.workDir;
        this.endpoints = from.endpoints;
        this.triggers = from.triggers;
        this.clock = from.clock;
        this.localSourceRefusal = localSourceRefusal;
        this.gitNetwork = gitNetwork;
    }

    /** These ports, with Dockerfiles never read from the host's own disk (see {@link GitSourceReader#refusingLocalRepositories}). */
    public StandardPorts refusingLocalSources(String howToAllow) {
        return new StandardPorts(this, Objects.requireNonNull(howToAllow, "howToAllow"), gitNetwork);
    }

    /** These ports, reading source repositories the way {@code network} says (the host's proxies). */
    public StandardPorts withGitNetwork(GitNetwork network) {
        return new StandardPorts(this, localSourceRefusal, Objects.requireNonNull(network, "network"));
    }

    @Override
    public Discoverer discoverer(ImageFactoryConfig config) {
        Map<String, String> prefixes = new LinkedHashMap<>();
        for (GlobalSettings.SourceAccess access : config.settings().sources()) {
            prefixes.put(access.prefix(), access.credentials());
        }
        GitSourceReader reader = new GitSourceReader(workDir.resolve("sources"), secrets,
                SourceCredentials.byUrlPrefix(prefixes)).withNetwork(gitNetwork).withEgress(config.settings().egress());
        return new DockerfileDiscoverer(localSourceRefusal == null ? reader : reader.refusingLocalRepositories(localSourceRefusal));
    }

    @Override
    public DigestChecker checker(ImageFactoryConfig config) {
        RegistryClient client = registryClient(config);
        return new WatcherDigestChecker(new DigestWatcher(client, clock, BUDGET_RESERVE, PARALLELISM), client,
                workDir.resolve("last-checked.json"));
    }

    @Override
    public RebuildCoordinator rebuilds(ImageFactoryConfig config) {
        Map<String, BuildTrigger> byKind = triggers.apply(config);
        return new RebuildCoordinator(kind -> Optional.ofNullable(byKind.get(kind)));
    }

    @Override
    public java.util.List<String> missingCredentials(ImageFactoryConfig config) {
        return io.jenkins.plugins.imagefactory.secret.CredentialsReferences.missing(config, secrets);
    }

    /** A registry client for the config's registries and this host's secrets. */
    public RegistryClient registryClient(ImageFactoryConfig config) {
        return RegistryClient.builder().registries(config.settings().registries()).secrets(secrets).endpoints(endpoints)
                .clock(clock).http(clients.withEgress(config.settings().egress())).build();
    }

    /** The HTTP clients every outbound call of these ports uses. */
    public HttpClientFactory http() {
        return clients;
    }
}
