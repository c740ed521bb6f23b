package io.jenkins.plugins.imagefactory.jenkins;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.init.InitMilestone;
import hudson.init.Terminator;
import io.jenkins.plugins.imagefactory.api.ApiEngine;
import io.jenkins.plugins.imagefactory.config.ImageFactoryConfig;
import io.jenkins.plugins.imagefactory.git.ConfigRepository;
import io.jenkins.plugins.imagefactory.git.ConfigRepositoryLocation;
import io.jenkins.plugins.imagefactory.git.GitStoreException;
import io.jenkins.plugins.imagefactory.git.GitStoreOptions;
import io.jenkins.plugins.imagefactory.git.PublishResult;
import io.jenkins.plugins.imagefactory.host.HostServices;
import io.jenkins.plugins.imagefactory.host.StandardPorts;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.registry.RegistryEndpoints;
import io.jenkins.plugins.imagefactory.rebuild.BuildReport;
import io.jenkins.plugins.imagefactory.retry.RetryPolicy;
import io.jenkins.plugins.imagefactory.state.DetectedBy;
import io.jenkins.plugins.imagefactory.status.RunSource;
import io.jenkins.plugins.imagefactory.status.StatusView;
import io.jenkins.plugins.imagefactory.status.TagSource;
import io.jenkins.plugins.imagefactory.sync.ManualActions;
import io.jenkins.plugins.imagefactory.sync.SyncEngine;
import io.jenkins.plugins.imagefactory.sync.SyncResult;
import io.jenkins.plugins.imagefactory.sync.SyncRunner;
import io.jenkins.plugins.imagefactory.trigger.BuildTrigger;
import io.jenkins.plugins.imagefactory.trigger.BuildTriggers;
import io.jenkins.plugins.imagefactory.trigger.GitHubActionsClient;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import jenkins.model.Jenkins;

/**
 * The one engine of this controller: a {@link SyncRunner} (cycles one at a time, requests merged,
 * due-time wake-ups) over a clone of the config repo under {@code $JENKINS_HOME/image-factory/}, a
 * second clone for requests made between cycles (rebuilds, build results), and the status view the
 * dashboard serves. Nothing here must survive a restart: state is in the config repo, settings in
 * the configuration's XML file. It is also what the JSON API asks of the engine ({@link ApiEngine}).
 *
 * <p>Secrets come from two resolvers: the ids an administrator chose on the configuration page
 * (config repo, webhooks, GitHub) and the config repo's own references, which resolve only as
 * mapped there.
 */
@Extension
public final class ImageFactoryService implements ApiEngine {

    private static final Logger LOG = Logger.getLogger(ImageFactoryService.class.getName());
    static final String WORK_DIR = "image-factory";
    /** How long a restart waits for a running cycle before interrupting it (a cycle is crash-safe). */
    static final Duration SHUTDOWN_PATIENCE = Duration.ofSeconds(20);
    private static final String SYNC_CLONE = "sync";
    private static final String ACTIONS_CLONE = "actions";

    private final Clock clock = Clock.systemUTC();
    private final AtomicReference<StatusView> view = new AtomicReference<>();
    private final Object lock = new Object();
    private SyncRunner runner;
    /** Used on the sync thread only. */
    private OpenRepository syncRepository;
    /** Guarded by itself: one writer of between-cycle requests at a time. */
    private final Object actionsLock = new Object();
    private OpenRepository actionsRepository;
    /** Build results the run listener hands over, recorded off the executor thread, one at a time. */
    private final ExecutorService recorder = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "image-factory-record-build");
        thread.setDaemon(true);
        return thread;
    });

    public static ImageFactoryService get() {
        return ExtensionList.lookupSingleton(ImageFactoryService.class);
    }

    /** {@code $JENKINS_HOME/image-factory}: clones, source mirrors and caches. */
    public static Path workDirectory() {
        return Jenkins.get().getRootDir().toPath().resolve(WORK_DIR);
    }

    public boolean isConfigured() {
        return ImageFactoryConfiguration.get().isConfigured();
    }

    /** Asks for a cycle soon (never blocks); hinted references are checked first. False when not configured. */
    public boolean requestSync(Map<ImageReference, DetectedBy> hints, String actor) {
        if (!isConfigured()) {
            return false;
        }
        runner().request(hints, actor);
        return true;
    }

    /** The runner, created when the first sync is asked for. */
    private SyncRunner runner() {
        synchronized (lock) {
            if (runner == null) {
                runner = new SyncRunner(this::engine, clock);
                runner.onCycle(this::refreshView);
            }
            return runner;
        }
    }

    /** The runner when a sync was ever asked for; pages and the status route never start one. */
    public Optional<SyncRunner> startedRunner() {
        synchronized (lock) {
            return Optional.ofNullable(runner);
        }
    }

    /** What the dashboard and APIs show; empty until the first cycle read a valid config. */
    @Override
    public Optional<StatusView> status() {
        return Optional.ofNullable(view.get());
    }

    @Override
    public Optional<String> lastError() {
        return startedRunner().flatMap(SyncRunner::lastError);
    }

    /** Whether a reference is tracked; before the first cycle nobody knows, so every reference counts. */
    public boolean isWatched(ImageReference reference) {
        return status().map(current -> current.watches(reference)).orElse(true);
    }

    /**
     * What keeps the engine from working as configured, for the dashboard and the status route:
     * settings that are not valid, and what the engine reports (the last cycle's error, config repo
     * errors while it runs on the last good config, credentials references no administrator mapped).
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        ImageFactoryConfiguration.get().getProblems().forEach(problem -> problems.add("settings: " + problem));
        startedRunner().ifPresent(running -> problems.addAll(running.health().problems()));
        return problems;
    }

    /**
     * While another instance (a {@code serve}, another controller) holds the config repo's writer
     * lease: who, until when, and that this controller writes and dispatches nothing meanwhile.
     */
    public Optional<String> standby() {
        return startedRunner().map(running -> running.health().standby());
    }

    @Override
    public void requestSync(String why) {
        requestSync(Map.of(), why);
    }

    @Override
    public PublishResult requestRebuild(String enrollment, boolean urgent, String reason, String base, String actor)
            throws GitStoreException {
        return withActions(actions -> actions.requestRebuild(enrollment, urgent, reason, base, actor));
    }

    /** {@code POST /image-factory/api/v1/images/{name}/builds/{key}}: a builder reports its result. */
    @Override
    public ManualActions.ReportOutcome recordBuild(String enrollment, BuildReport report) throws GitStoreException {
        ManualActions.ReportOutcome outcome = withActions(actions -> actions.recordBuild(enrollment, report));
        requestSync(Map.of(), report.actor());
        return outcome;
    }

    /** Runs {@code action} with the between-cycle writer; the next cycle acts on what it commits. */
    public <T> T withActions(Function<ManualActions, T> action) {
        synchronized (actionsLock) {
            actionsRepository = reopenIfChanged(actionsRepository, ACTIONS_CLONE, ImageFactoryConfiguration.get().values());
            return action.apply(new ManualActions(actionsRepository.repository(), clock));
        }
    }

    /**
     * Runs {@code action} with the between-cycle writer on a thread of its own, then asks for a
     * cycle: for work (a build's result) that must not hold the thread that reports it.
     */
    void withActionsLater(String what, Function<ManualActions, ?> action, String actor) {
        recorder.execute(() -> {
            try {
                withActions(action);
                requestSync(Map.of(), actor);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Image Factory could not " + what + "; the next sync polls the build instead", e);
            }
        });
    }

    /** Tags of an image's repository from its registry, with the registry credentials of the current config. */
    public TagSource tags() {
        return HostServices.tags(this::currentConfig, ports(ImageFactoryConfiguration.get().values(), config -> Map.of()));
    }

    /**
     * Workflow runs with the GitHub credentials of this page's settings, else those the config repo
     * names (and an administrator mapped) under {@code buildSystems.github}; either way the token never
     * leaves the controller.
     */
    public RunSource runs() {
        ImageFactoryConfiguration.Values settings = ImageFactoryConfiguration.get().values();
        return HostServices.runs(() -> gitHubClientFromSettings(settings)
                        .or(() -> BuildTriggers.gitHubClient(currentConfig().settings(), settings.configRepoSecrets(),
                                JenkinsNetwork.http())),
                "no GitHub credentials: choose them under Manage Jenkins > System > Image Factory, or name mapped "
                        + "credentials in the config repo's buildSystems.github");
    }

    private static Optional<GitHubActionsClient> gitHubClientFromSettings(ImageFactoryConfiguration.Values settings) {
        String id = settings.gitHubCredentialsId();
        if (id == null) {
            return Optional.empty();
        }
        return CredentialsSecretResolver.chosen().resolve(id, URI.create(settings.gitHubApiUrl()))
                .map(secret -> new GitHubActionsClient(settings.gitHubApiUrl(), secret, RetryPolicy.standard(),
                        BuildTriggers.TIMEOUT, JenkinsNetwork.http()));
    }

    private ImageFactoryConfig currentConfig() {
        return status().map(StatusView::config).orElseThrow(() -> new IllegalStateException(
                "Image Factory has not finished a sync yet"));
    }

    /** Settings were saved with a change: the next cycle opens the repo they name, and runs now. */
    void settingsChanged() {
        // JCasC applies settings before jobs are loaded; the periodic work syncs once Jenkins is up.
        if (Jenkins.get().getInitLevel() == InitMilestone.COMPLETED) {
            requestSync(Map.of(), "configuration");
        }
    }

    /** Called by the runner on its own thread for each cycle. */
    private SyncEngine engine() {
        ImageFactoryConfiguration.Values settings = ImageFactoryConfiguration.get().values();
        Optional<String> refused = SettingsProblems.repositoryUrl(settings.repositoryUrl());
        if (refused.isPresent()) {
            throw new IllegalStateException("config repo URL refused: " + refused.get());
        }
        syncRepository = reopenIfChanged(syncRepository, SYNC_CLONE, settings);
        LocalJenkinsJobTrigger local = new LocalJenkinsJobTrigger();
        CredentialsSecretResolver secrets = settings.configRepoSecrets();
        StandardPorts ports = ports(settings, config -> {
            Map<String, BuildTrigger> triggers = new HashMap<>(BuildTriggers.forConfig(config, secrets, JenkinsNetwork.http()));
            triggers.put(local.kind(), local);
            return triggers;
        });
        return new SyncEngine(syncRepository.repository(), ports, clock, step -> LOG.fine(() -> "sync: " + step));
    }

    private StandardPorts ports(ImageFactoryConfiguration.Values settings,
                                Function<ImageFactoryConfig, Map<String, BuildTrigger>> triggers) {
        StandardPorts ports = new StandardPorts(settings.configRepoSecrets(), workDirectory(),
                RegistryEndpoints.standard(), triggers, clock, JenkinsNetwork.http()).withGitNetwork(JenkinsNetwork.git());
        return SettingsProblems.localAllowed() ? ports : ports.refusingLocalSources("Jenkins allows them only with -D"
                + SettingsProblems.ALLOW_LOCAL_REPOSITORIES + "=true; use the repository's https URL");
    }

    /**
     * After each cycle, on the sync thread: the view of what the cycle wrote, its rows made before
     * it is published, so pages keep showing the previous view until this one is ready.
     */
    private void refreshView(SyncResult result) {
        OpenRepository open = syncRepository;
        if (open == null) {
            return;
        }
        StatusView.afterCycle(result, open.repository().workTree(), clock.instant()).ifPresent(view::set);
    }

    /**
     * The clone for the current settings, reopened when they changed. Each URL and branch gets its
     * own directory so a changed URL never reuses a clone of another repository; the clone of the
     * previous settings is deleted.
     */
    private static OpenRepository reopenIfChanged(OpenRepository current, String purpose,
                                                  ImageFactoryConfiguration.Values settings) {
        String key = settings.repositoryUrl() + "#" + settings.branch() + "#" + settings.credentialsId();
        if (current != null && current.key().equals(key)) {
            return current;
        }
        Path directory = workDirectory().resolve(purpose + "-" + shortHash(settings.repositoryUrl() + "#" + settings.branch()));
        if (current != null) {
            current.repository().close();
        }
        deleteOtherClones(purpose, directory);
        ConfigRepositoryLocation location = settings.location(directory).orElseThrow(() -> new IllegalStateException(
                "Image Factory has no config repo: set one under Manage Jenkins > System > Image Factory"));
        return new OpenRepository(key, ConfigRepository.open(location, CredentialsSecretResolver.chosen(),
                GitStoreOptions.defaults().withNetwork(JenkinsNetwork.git())));
    }

    /** Clones of earlier URLs or branches: nothing reads them again, so they go. */
    private static void deleteOtherClones(String purpose, Path keep) {
        Path parent = keep.getParent();
        if (!Files.isDirectory(parent)) {
            return;
        }
        try (Stream<Path> children = Files.list(parent)) {
            children.filter(path -> path.getFileName().toString().startsWith(purpose + "-") && !path.equals(keep))
                    .forEach(ImageFactoryService::deleteQuietly);
        } catch (IOException e) {
            LOG.log(Level.FINE, "could not list " + parent, e);
        }
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Lets the running cycle finish for a short while, then interrupts it, and releases the clones. */
    @Terminator
    public static void shutDown() {
        ExtensionList.lookup(ImageFactoryService.class).stream().findFirst().ifPresent(ImageFactoryService::close);
    }

    void close() {
        SyncRunner toClose;
        synchronized (lock) {
            toClose = runner;
            runner = null;
        }
        if (toClose != null) {
            toClose.close(SHUTDOWN_PATIENCE);
        }
        recorder.shutdown();
        try {
            if (!recorder.awaitTermination(SHUTDOWN_PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                recorder.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (syncRepository != null) {
            syncRepository.repository().close();
            syncRepository = null;
        }
        synchronized (actionsLock) {
            if (actionsRepository != null) {
                actionsRepository.repository().close();
                actionsRepository = null;
            }
        }
    }

    static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    LOG.log(Level.FINE, "could not delete " + path, e);
                }
            });
        } catch (IOException e) {
            LOG.log(Level.FINE, "could not delete " + directory, e);
        }
    }

    private record OpenRepository(String key, ConfigRepository repository) {
    }
}
