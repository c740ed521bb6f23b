package io.jenkins.plugins.imagefactory.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.BulkChange;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.imagefactory.git.ConfigRepository;
import io.jenkins.plugins.imagefactory.git.ConfigRepositoryLocation;
import io.jenkins.plugins.imagefactory.git.GitStoreException;
import io.jenkins.plugins.imagefactory.git.GitStoreOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * Where this controller's Image Factory finds its config repo, which Jenkins credentials the config
 * repo may use, and who may act for any image. Everything about images (delays, registries, build
 * systems) lives in the config repo; this page only says how to reach it and what it may spend.
 *
 * <p>Setters only assign (they never save or throw): the form binds into a copy, is judged whole by
 * {@link SettingsProblems} and is applied and saved once, or refused with nothing changed;
 * configuration as code applies every setter inside one {@link BulkChange}. A save that changed
 * something asks for one sync.
 */
@Extension
@Symbol("imageFactory")
public class ImageFactoryConfiguration extends GlobalConfiguration {

    static final int DEFAULT_SYNC_INTERVAL_MINUTES = 15;
    static final String DEFAULT_GITHUB_API_URL = "https://api.github.com";

    // volatile: the sync thread and request threads read what a Save writes
    private volatile String repositoryUrl;
    private volatile String branch = "main";
    private volatile String credentialsId;
    private volatile int syncIntervalMinutes = DEFAULT_SYNC_INTERVAL_MINUTES;
    private volatile String gitWebhookCredentialsId;
    private volatile List<RegistryWebhook> registryWebhooks = new ArrayList<>();
    private volatile String gitHubApiUrl = DEFAULT_GITHUB_API_URL;
    private volatile String gitHubCredentialsId;
    private volatile List<CredentialMapping> credentialMappings = new ArrayList<>();
    private volatile boolean trustSystemBuilds;
    private volatile String trustedJobs;

    /** What the last save (or load) wrote; a save that changes nothing asks for no sync. */
    private transient volatile Values saved;

    public ImageFactoryConfiguration() {
        load();
        saved = values();
    }

    /** A scratch copy for binding a submitted form: not loaded, never saved. */
    private ImageFactoryConfiguration(Values from) {
        apply(from);
    }

    public static ImageFactoryConfiguration get() {
        return ExtensionList.lookupSingleton(ImageFactoryConfiguration.class);
    }

    /**
     * Every setting at one moment, as one value: what a cycle reads, so it never mixes an old URL
     * with a new branch.
     */
    public record Values(String repositoryUrl, String branch, String credentialsId, int syncIntervalMinutes,
                         String gitWebhookCredentialsId, List<RegistryWebhook> registryWebhooks, String gitHubApiUrl,
                         String gitHubCredentialsId, List<CredentialMapping> credentialMappings,
                         boolean trustSystemBuilds, Set<String> trustedJobs) {

        public Values {
            registryWebhooks = List.copyOf(registryWebhooks);
            credentialMappings = List.copyOf(credentialMappings);
            trustedJobs = Set.copyOf(trustedJobs);
        }

        public boolean configured() {
            return repositoryUrl != null && !repositoryUrl.isBlank();
        }

        /** The config repo's credentials references, resolved only as mapped here. */
        public CredentialsSecretResolver configRepoSecrets() {
            Map<String, String> ids = new LinkedHashMap<>();
            for (CredentialMapping mapping : credentialMappings) {
                if (!mapping.getReference().isEmpty() && !mapping.getCredentialsId().isEmpty()) {
                    ids.putIfAbsent(mapping.getReference(), mapping.getCredentialsId());
                }
            }
            return CredentialsSecretResolver.mapped(ids);
        }

        /** The config repo location with its clone under {@code workDirectory}; empty when not configured. */
        public Optional<ConfigRepositoryLocation> location(Path workDirectory) {
            if (!configured()) {
                return Optional.empty();
            }
            ConfigRepositoryLocation location = ConfigRepositoryLocation.of(repositoryUrl, branch, workDirectory);
            return Optional.of(credentialsId == null ? location : location.withCredentials(credentialsId));
        }
    }

    public Values values() {
        return new Values(repositoryUrl, branch, credentialsId, syncIntervalMinutes, gitWebhookCredentialsId,
                registryWebhooks, gitHubApiUrl, gitHubCredentialsId, credentialMappings, trustSystemBuilds,
                parseJobs(trustedJobs));
    }

    private void apply(Values values) {
        repositoryUrl = values.repositoryUrl();
        branch = values.branch();
        credentialsId = values.credentialsId();
        syncIntervalMinutes = values.syncIntervalMinutes();
        gitWebhookCredentialsId = values.gitWebhookCredentialsId();
        registryWebhooks = new ArrayList<>(values.registryWebhooks());
        gitHubApiUrl = values.gitHubApiUrl();
        gitHubCredentialsId = values.gitHubCredentialsId();
        credentialMappings = new ArrayList<>(values.credentialMappings());
        trustSystemBuilds = values.trustSystemBuilds();
        trustedJobs = values.trustedJobs().isEmpty() ? null : String.join("\n", new TreeSet<>(values.trustedJobs()));
    }

    @NonNull
    @Override
    public String getDisplayName() {
        return Messages.ImageFactoryConfiguration_DisplayName();
    }

    /** Whether a config repo is set: without one the plugin stays idle. */
    public boolean isConfigured() {
        return values().configured();
    }

    /** What is wrong with the current settings (e.g. applied by configuration as code); empty when nothing. */
    public List<SettingsProblems.Problem> getProblems() {
        return SettingsProblems.of(values());
    }

    public String getRepositoryUrl() {
        return repositoryUrl;
    }

    @DataBoundSetter
    public void setRepositoryUrl(String repositoryUrl) {
        this.repositoryUrl = trimToNull(repositoryUrl);
    }

    public String getBranch() {
        return branch;
    }

    @DataBoundSetter
    public void setBranch(String branch) {
        this.branch = trimToNull(branch) == null ? "main" : branch.trim();
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = trimToNull(credentialsId);
    }

    public int getSyncIntervalMinutes() {
        return syncIntervalMinutes;
    }

    /** A value below 1 is kept (and shown as a problem) but never used: cycles then run every minute. */
    @DataBoundSetter
    public void setSyncIntervalMinutes(int syncIntervalMinutes) {
        this.syncIntervalMinutes = syncIntervalMinutes;
    }

    public String getGitWebhookCredentialsId() {
        return gitWebhookCredentialsId;
    }

    @DataBoundSetter
    public void setGitWebhookCredentialsId(String gitWebhookCredentialsId) {
        this.gitWebhookCredentialsId = trimToNull(gitWebhookCredentialsId);
    }

    public List<RegistryWebhook> getRegistryWebhooks() {
        return List.copyOf(registryWebhooks);
    }

    @DataBoundSetter
    public void setRegistryWebhooks(List<RegistryWebhook> registryWebhooks) {
        this.registryWebhooks = registryWebhooks == null ? new ArrayList<>() : new ArrayList<>(registryWebhooks);
    }

    public String getGitHubApiUrl() {
        return gitHubApiUrl;
    }

    @DataBoundSetter
    public void setGitHubApiUrl(String gitHubApiUrl) {
        this.gitHubApiUrl = trimToNull(gitHubApiUrl) == null ? DEFAULT_GITHUB_API_URL : gitHubApiUrl.trim();
    }

    public String getGitHubCredentialsId() {
        return gitHubCredentialsId;
    }

    @DataBoundSetter
    public void setGitHubCredentialsId(String gitHubCredentialsId) {
        this.gitHubCredentialsId = trimToNull(gitHubCredentialsId);
    }

    public List<CredentialMapping> getCredentialMappings() {
        return List.copyOf(credentialMappings);
    }

    @DataBoundSetter
    public void setCredentialMappings(List<CredentialMapping> credentialMappings) {
        this.credentialMappings = credentialMappings == null ? new ArrayList<>() : new ArrayList<>(credentialMappings);
    }

    public boolean isTrustSystemBuilds() {
        return trustSystemBuilds;
    }

    /**
     * Whether builds that run as SYSTEM (every build, unless an authorization plugin such as
     * Authorize Project gives them a user) may act for any image. Off by default.
     */
    @DataBoundSetter
    public void setTrustSystemBuilds(boolean trustSystemBuilds) {
        this.trustSystemBuilds = trustSystemBuilds;
    }

    public String getTrustedJobs() {
        return trustedJobs;
    }

    /** Full names of jobs whose builds may act for any image, one per line. */
    @DataBoundSetter
    public void setTrustedJobs(String trustedJobs) {
        Set<String> jobs = parseJobs(trustedJobs);
        this.trustedJobs = jobs.isEmpty() ? null : String.join("\n", jobs);
    }

    private static Set<String> parseJobs(String text) {
        Set<String> jobs = new TreeSet<>();
        if (text != null) {
            Arrays.stream(text.split("[\\r\\n,]+")).map(String::trim).filter(s -> !s.isEmpty()).forEach(jobs::add);
        }
        return jobs;
    }

    /**
     * The form: bound into a copy (a repeatable list whose last entry was deleted is absent from the
     * form, so the copy starts with empty lists), judged whole, then applied and saved once. A refused
     * form changes nothing, in memory or on disk.
     */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        Values current = values();
        ImageFactoryConfiguration copy = new ImageFactoryConfiguration(new Values(current.repositoryUrl(),
                current.branch(), current.credentialsId(), current.syncIntervalMinutes(),
                current.gitWebhookCredentialsId(), List.of(), current.gitHubApiUrl(), current.gitHubCredentialsId(),
                List.of(), false, Set.of()));
        req.bindJSON(copy, json);
        Values submitted = copy.values();
        List<SettingsProblems.Problem> problems = SettingsProblems.of(submitted);
        if (!problems.isEmpty()) {
            throw new FormException("Image Factory settings not saved: " + problems.get(0).message()
                    + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""), problems.get(0).field());
        }
        synchronized (this) {
            apply(submitted);
            save();
        }
        return true;
    }

    /** Writes the settings (unless inside a {@link BulkChange}); a changed save asks for one sync. */
    @Override
    public synchronized void save() {
        if (BulkChange.contains(this)) {
            return;
        }
        super.save();
        Values now = values();
        if (!now.equals(saved)) {
            saved = now;
            ExtensionList.lookup(ImageFactoryService.class).stream().findFirst()
                    .ifPresent(ImageFactoryService::settingsChanged);
        }
    }

    @POST
    public FormValidation doCheckRepositoryUrl(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        if (value == null || value.isBlank()) {
            return FormValidation.warning("Without a config repo Image Factory stays idle");
        }
        return SettingsProblems.repositoryUrl(value).map(FormValidation::error).orElse(FormValidation.ok());
    }

    @POST
    public FormValidation doCheckSyncIntervalMinutes(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        try {
            return SettingsProblems.syncInterval(Integer.parseInt(value.trim())).map(FormValidation::error)
                    .orElse(FormValidation.ok());
        } catch (NumberFormatException | NullPointerException e) {
            return FormValidation.error("The sync interval is a whole number of minutes, got \"" + value + "\"");
        }
    }

    @POST
    public FormValidation doCheckGitHubApiUrl(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return SettingsProblems.gitHubApiUrl(value).map(FormValidation::error).orElse(FormValidation.ok());
    }

    @POST
    public FormValidation doCheckTrustedJobs(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        List<String> unknown = new ArrayList<>();
        for (String job : parseJobs(value)) {
            if (Jenkins.get().getItemByFullName(job) == null) {
                unknown.add(job);
            }
        }
        // Trust goes by name: a listed name nobody holds yet goes to whoever creates that job first.
        return unknown.isEmpty() ? FormValidation.ok()
                : FormValidation.error("No job named " + String.join(", ", unknown) + ": whoever creates a job with this"
                        + " name would be trusted. List existing jobs by full name (folder/job), kept in a folder only"
                        + " administrators can configure");
    }

    /** Clones the config repo into a scratch directory and reports its head: proves URL, branch and credentials. */
    @POST
    public FormValidation doTestConnection(@QueryParameter String repositoryUrl, @QueryParameter String branch,
                                           @QueryParameter String credentialsId) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        if (repositoryUrl == null || repositoryUrl.isBlank()) {
            return FormValidation.error("Give the config repo URL first");
        }
        Optional<String> refused = SettingsProblems.repositoryUrl(repositoryUrl);
        if (refused.isPresent()) {
            return FormValidation.error(refused.get());
        }
        Path scratch = null;
        try {
            Path base = ImageFactoryService.workDirectory();
            Files.createDirectories(base);
            scratch = Files.createTempDirectory(base, "test-connection-");
            ConfigRepositoryLocation location = ConfigRepositoryLocation.of(repositoryUrl.trim(),
                    branch == null || branch.isBlank() ? "main" : branch.trim(), scratch.resolve("repo"));
            if (credentialsId != null && !credentialsId.isBlank()) {
                location = location.withCredentials(credentialsId.trim());
            }
            try (ConfigRepository repository = ConfigRepository.open(location, CredentialsSecretResolver.chosen(),
                    GitStoreOptions.defaults().withNetwork(JenkinsNetwork.git()))) {
                Optional<String> head = repository.refresh();
                return FormValidation.ok("Reached the config repo" + head.map(h -> " at " + h.substring(0, Math.min(12, h.length())))
                        .orElse(" (a plain directory)"));
            }
        } catch (GitStoreException | IllegalArgumentException e) {
            return FormValidation.error("Cannot reach the config repo: " + e.getMessage());
        } catch (IOException e) {
            return FormValidation.error("Cannot create a scratch directory under " + ImageFactoryService.workDirectory()
                    + ": " + e.getMessage());
        } finally {
            if (scratch != null) {
                ImageFactoryService.deleteQuietly(scratch);
            }
        }
    }

    /** Asks the GitHub API who the token belongs to: proves the URL and the credentials. */
    @POST
    public FormValidation doTestGitHubConnection(@QueryParameter String gitHubApiUrl,
                                                 @QueryParameter String gitHubCredentialsId) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        if (gitHubCredentialsId == null || gitHubCredentialsId.isBlank()) {
            return FormValidation.error("Choose the GitHub credentials first");
        }
        String apiUrl = gitHubApiUrl == null || gitHubApiUrl.isBlank() ? DEFAULT_GITHUB_API_URL : gitHubApiUrl.trim();
        Optional<String> badUrl = SettingsProblems.gitHubApiUrl(apiUrl);
        if (badUrl.isPresent()) {
            return FormValidation.error(badUrl.get());
        }
        return CredentialsSecretResolver.chosen().resolve(gitHubCredentialsId.trim(), java.net.URI.create(apiUrl))
                .map(secret -> GitHubConnectionCheck.check(apiUrl, secret))
                .orElseGet(() -> FormValidation.error("No secret text or username/password credentials with id \""
                        + gitHubCredentialsId + "\" for " + apiUrl));
    }

    @POST
    public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
        return CredentialsItems.usable(credentialsId);
    }

    @POST
    public ListBoxModel doFillGitWebhookCredentialsIdItems(@QueryParameter String gitWebhookCredentialsId) {
        return CredentialsItems.secretText(gitWebhookCredentialsId);
    }

    @POST
    public ListBoxModel doFillGitHubCredentialsIdItems(@QueryParameter String gitHubCredentialsId) {
        return CredentialsItems.usable(gitHubCredentialsId);
    }

    private static String trimToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
