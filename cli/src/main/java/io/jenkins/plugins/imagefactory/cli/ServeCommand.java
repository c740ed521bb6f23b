package io.jenkins.plugins.imagefactory.cli;

import io.jenkins.plugins.imagefactory.cli.serve.Host;
import io.jenkins.plugins.imagefactory.cli.serve.ImageFactoryServer;
import io.jenkins.plugins.imagefactory.cli.serve.RegistryWebhookOption;
import io.jenkins.plugins.imagefactory.cli.serve.ServeServices;
import io.jenkins.plugins.imagefactory.cli.serve.ServeSettings;
import io.jenkins.plugins.imagefactory.cli.serve.ServeWiring;
import io.jenkins.plugins.imagefactory.config.ConfigLoadResult;
import io.jenkins.plugins.imagefactory.config.ConfigLoader;
import io.jenkins.plugins.imagefactory.config.Durations;
import io.jenkins.plugins.imagefactory.config.GlobalSettings;
import io.jenkins.plugins.imagefactory.git.ConfigRepository;
import io.jenkins.plugins.imagefactory.git.ConfigRepositoryLocation;
import io.jenkins.plugins.imagefactory.secret.EnvironmentSecretResolver;
import io.jenkins.plugins.imagefactory.secret.Secret;
import io.jenkins.plugins.imagefactory.secret.SecretResolver;
import io.jenkins.plugins.imagefactory.sync.ManualActions;
import io.jenkins.plugins.imagefactory.sync.SyncEngine;
import io.jenkins.plugins.imagefactory.sync.SyncRunner;
import io.jenkins.plugins.imagefactory.webhook.WebhookEndpoint;
import io.jenkins.plugins.imagefactory.webhook.WebhookReceiver;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run Image Factory as a service: periodic sync, registry and config-repo webhooks, a JSON API "
                + "and a dashboard on one port.", "Stops gracefully on SIGTERM / Ctrl-C (the running cycle finishes)."})
public final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RepoOptions repo;

    @Option(names = "--port", defaultValue = "8080", description = "port to listen on (default: ${DEFAULT-VALUE}; 0 picks a free one)")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface)")
    String bind;

    @Option(names = "--registry-webhook", paramLabel = "KIND=HOST[,SECRET_REF]",
            description = "accept a registry's webhooks at /webhook/registry/KIND (repeatable), e.g. "
                    + "distribution=localhost:5000,REGISTRY_HOOK_TOKEN; SECRET_REF defaults to IMAGE_FACTORY_WEBHOOK_<KIND>")
    List<String> registryWebhooks = new ArrayList<>();

    @Option(names = "--git-webhook-secret", paramLabel = "REF",
            description = "accept the config repo's GitHub push webhook at /webhook/git, signed with the secret in env REF")
    String gitWebhookSecret;

    @Option(names = "--api-token", paramLabel = "REF",
            description = "bearer token (env REF) for the write API (rebuild, re-run); without it those routes are off")
    String apiToken;

    @Option(names = "--interval", paramLabel = "DURATION",
            description = "periodic reconcile interval, e.g. 30m (default: the config's sync interval)")
    String interval;

    private final Host host;
    private final SecretResolver secrets;
    private final Clock clock;

    /** Production: the real wiring and the process environment. */
    public ServeCommand() {
        this(new ServeWiring(), EnvironmentSecretResolver.fromSystem(), Clock.systemUTC());
    }

    public ServeCommand(Host host, SecretResolver secrets, Clock clock) {
        this.host = host;
        this.secrets = secrets;
        this.clock = clock;
    }

    @Override
    public Integer call() throws InterruptedException {
        // Serve's own lines and the cycles' story are worth seeing by default; other libraries stay at warn.
        for (String logger : List.of("io.jenkins.plugins.imagefactory.cli.serve", "io.jenkins.plugins.imagefactory.sync")) {
            if (System.getProperty("org.slf4j.simpleLogger.log." + logger) == null) {
                System.setProperty("org.slf4j.simpleLogger.log." + logger, "info");
            }
        }
        Running running = start();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            running.close();
            stopped.countDown();
        }, "image-factory-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        spec.commandLine().getOut().println("image-factory serve: listening on http://" + hostForUrl(running.server().address())
                + "/ (Ctrl-C stops after the running cycle)");
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }

    /** A started server with the repositories it owns; closing stops both, in that order. */
    public record Running(ImageFactoryServer server, ConfigRepository syncRepository, ConfigRepository actionsRepository)
            implements AutoCloseable {
        @Override
        public void close() {
            server.close();
            syncRepository.close();
            actionsRepository.close();
        }
    }

    /** Checks the options, opens the config repo, builds the engine and starts listening and syncing. */
    public Running start() {
        InetSocketAddress address = address();
        List<WebhookEndpoint> endpoints = new ArrayList<>();
        for (String option : registryWebhooks) {
            try {
                endpoints.add(RegistryWebhookOption.parse(option, secrets));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
            }
        }
        WebhookReceiver receiver;
        try {
            receiver = new WebhookReceiver(endpoints, WebhookReceiver.DEFAULT_MAX_BODY_BYTES);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        ServeSettings settings = new ServeSettings(address, receiver, secret("--git-webhook-secret", gitWebhookSecret),
                repo.branch, secret("--api-token", apiToken), ServeSettings.DEFAULT_THREADS);
        Optional<Duration> fixedInterval = parseInterval();

        ConfigRepository syncRepository = open("config-repo");
        ConfigRepository actionsRepository = open("api-repo");
        try {
            syncRepository.refresh();
            Duration every = fixedInterval.orElseGet(() -> configuredInterval(syncRepository.workTree()));
            Host.Context context = new Host.Context(syncRepository, repo.workDir, secrets, clock);
            SyncEngine engine = host.engine(context);
            SyncRunner runner = new SyncRunner(() -> engine, clock);
            ServeServices services = new ServeServices(runner, syncRepository.workTree(),
                    new ManualActions(actionsRepository, clock), host.tags(context), host.runs(context), clock);
            ImageFactoryServer server = ImageFactoryServer.start(settings, services);
            runner.start(every);
            return new Running(server, syncRepository, actionsRepository);
        } catch (RuntimeException e) {
            syncRepository.close();
            actionsRepository.close();
            throw e;
        }
    }

    private InetSocketAddress address() {
        if (port < 0 || port > 65_535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be 0..65535, got " + port);
        }
        InetSocketAddress address = new InetSocketAddress(bind, port);
        if (address.isUnresolved()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--bind " + bind + " is not an address of this machine");
        }
        return address;
    }

    private Optional<Secret> secret(String option, String reference) {
        if (reference == null) {
            return Optional.empty();
        }
        Optional<Secret> secret = secrets.resolve(reference).filter(s -> !s.value().isEmpty());
        if (secret.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " " + reference
                    + ": environment variable " + reference + " is not set or empty");
        }
        return secret;
    }

    private Optional<Duration> parseInterval() {
        if (interval == null) {
            return Optional.empty();
        }
        try {
            Duration parsed = Durations.parse(interval);
            if (parsed.isZero() || parsed.isNegative()) {
                throw new IllegalArgumentException("must be positive");
            }
            return Optional.of(parsed);
        } catch (RuntimeException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--interval " + interval + ": expected "
                    + Durations.EXPECTED, e);
        }
    }

    private Duration configuredInterval(Path workTree) {
        ConfigLoadResult loaded = ConfigLoader.load(workTree);
        if (loaded instanceof ConfigLoadResult.Valid valid && valid.config().settings().syncInterval() != null) {
            return valid.config().settings().syncInterval();
        }
        spec.commandLine().getErr().println("warning: the config is not valid yet; syncing every "
                + Durations.format(GlobalSettings.DEFAULT_SYNC_INTERVAL) + " ; pass --interval to choose");
        return GlobalSettings.DEFAULT_SYNC_INTERVAL;
    }

    private ConfigRepository open(String directory) {
        ConfigRepositoryLocation location = ConfigRepositoryLocation.of(repo.repo, repo.branch, repo.workDir.resolve(directory));
        if (repo.credentials != null) {
            location = location.withCredentials(repo.credentials);
        }
        return ConfigRepository.open(location, secrets);
    }

    private static String hostForUrl(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
