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
import io.jenkins.plugins.imagefactory.git.PublishResult;
import io.jenkins.plugins.imagefactory.host.HostServices;
import io.jenkins.plugins.imagefactory.host.StandardPorts;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.registry.RegistryEndpoints;
import io.jenkins.plugins.imagefactory.retry.RetryPolicy;
import io.jenkins.plugins.imagefactory.state.DetectedBy;
import io.jenkins.plugins.imagefactory.status.RunSource;
import io.jenkins.plugins.imagefactory.status.StatusView;
import io.jenkins.plugins.imagefactory.status.TagSource;
import io.jenkins.plugins.imagefactory.sync.ManualActions;
import io.jenkins.plugins.imagefactory.sync.SyncEngine;
import io.jenkins.plugins.imagefactory.sync.SyncRunner;
import io.jenkins.plugins.imagefactory.trigger.BuildTrigger;
import io.jenkins.plugins.imagefactory.trigger.BuildTriggers;
import io.jenkins.plugins.imagefactory.trigger.GitHubActionsClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
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
 */
@Extension
public final class ImageFactoryService implements ApiEngine {

    private static final Logger LOG = Logger.getLogger(ImageFactoryService.class.getName());
    static final String WORK_DIR = "image-factory";

    private final Clock clock = Clock.systemUTC();
    private final AtomicReference<StatusView> view = new AtomicReference<>();
    private final Object lock = new Object();
    private SyncRunner runner;
    /** Used on the sync thread only. */
    private OpenRepository syncRepository;
    /** Guarded by itself: one writer of between-cycle requests at a time. */
    private final Object actionsLock = new Object();
    private OpenRepository actionsRepository;

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

    /** The runner, for its counters and last result; created on first use. */
    public SyncRunner runner() {
        synchronized (lock) {
            if (runner == null) {
                runner = new SyncRunner(this::engine, clock);
                runner.onCycle(result -> refreshView());
            }
            return runner;
        }
    }

    /** What the dashboard and APIs show; empty until the first cycle read a valid config. */
    @Override
    public Optional<StatusView> status() {
        return Optional.ofNullable(view.get());
    }

    @Override
    public Optional<String> lastError() {
        return runner().lastError();
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

    /** Runs {@code action} with the between-cycle writer; the next cycle acts on what it commits. */
    public <T> T withActions(Function<ManualActions, T> action) {
        synchronized (actionsLock) {
            actionsRepository = reopenIfChanged(actionsRepository, "actions");
            return action.apply(new ManualActions(actionsRepository.repository(), clock));
        }
    }

    /** Tags of an image's repository from its registry, with the registry credentials of the current config. */
    public TagSource tags() {
        return HostServices.tags(this::currentConfig, ports(config -> Map.of()));
    }

    /**
     * Workflow runs with the GitHub credentials of this page's settings, else those the config repo
     * names under {@code buildSystems.github}; either way the token never leaves the controller.
     */
    public RunSource runs() {
        CredentialsSecretResolver secrets = ImageFactoryConfiguration.get().secretResolver();
        return HostServices.runs(() -> gitHubClientFromSettings()
                        .or(() -> BuildTriggers.gitHubClient(currentConfig().settings(), secrets)),
                "no GitHub credentials: choose them under Manage Jenkins > System > Image Factory, or name a "
                        + "credentials id in the config repo's buildSystems.github");
    }

    private static Optional<GitHubActionsClient> gitHubClientFromSettings() {
        ImageFactoryConfiguration configuration = ImageFactoryConfiguration.get();
        String id = configuration.getGitHubCredentialsId();
        if (id == null) {
            return Optional.empty();
        }
        return configuration.secretResolver().resolve(id).map(secret -> new GitHubActionsClient(
                configuration.getGitHubApiUrl(), secret, RetryPolicy.standard(), BuildTriggers.TIMEOUT));
    }

    private ImageFactoryConfig currentConfig() {
        return status().map(StatusView::config).orElseThrow(() -> new IllegalStateException(
                "Image Factory has not finished a sync yet"));
    }

    /** Settings were saved: the next cycle opens the repo they name, and runs now. */
    void settingsChanged() {
        // JCasC applies settings before jobs are loaded; the periodic work syncs once Jenkins is up.
        if (Jenkins.get().getInitLevel() == InitMilestone.COMPLETED) {
            requestSync(Map.of(), "configuration");
        }
    }

    /** Called by the runner on its own thread for each cycle. */
    private SyncEngine engine() {
        syncRepository = reopenIfChanged(syncRepository, "sync");
        CredentialsSecretResolver secrets = ImageFactoryConfiguration.get().secretResolver();
        LocalJenkinsJobTrigger local = new LocalJenkinsJobTrigger();
        StandardPorts ports = ports(config -> {
            Map<String, BuildTrigger> triggers = new HashMap<>(BuildTriggers.forConfig(config, secrets));
            triggers.put(local.kind(), local);
            return triggers;
        });
        return new SyncEngine(syncRepository.repository(), ports, clock, step -> LOG.fine(() -> "sync: " + step));
    }

    private StandardPorts ports(Function<ImageFactoryConfig, Map<String, BuildTrigger>> triggers) {
        return new StandardPorts(ImageFactoryConfiguration.get().secretResolver(), workDirectory(),
                RegistryEndpoints.standard(), triggers, clock);
    }

    private void refreshView() {
        OpenRepository open = syncRepository;
        if (open == null) {
            return;
        }
        Instant now = clock.instant();
        StatusView.read(open.repository().workTree(), now).ifPresent(view::set);
    }

    /**
     * The clone for the current settings, reopened when they changed. Each URL and branch gets its
     * own directory so a changed URL never reuses a clone of another repository.
     */
    private static OpenRepository reopenIfChanged(OpenRepository current, String purpose) {
        ImageFactoryConfiguration configuration = ImageFactoryConfiguration.get();
        String key = configuration.getRepositoryUrl() + "#" + configuration.getBranch() + "#"
                + configuration.getCredentialsId();
        if (current != null && current.key().equals(key)) {
            return current;
        }
        if (current != null) {
            current.repository().close();
        }
        Path directory = workDirectory().resolve(purpose + "-" + shortHash(configuration.getRepositoryUrl() + "#"
                + configuration.getBranch()));
        ConfigRepositoryLocation location = configuration.location(directory).orElseThrow(() -> new IllegalStateException(
                "Image Factory has no config repo: set one under Manage Jenkins > System > Image Factory"));
        return new OpenRepository(key, ConfigRepository.open(location, configuration.secretResolver()));
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Finishes the running cycle (never half-written) and releases the clones. */
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
            toClose.close();
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
