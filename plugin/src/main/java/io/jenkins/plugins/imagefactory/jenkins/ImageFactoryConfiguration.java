package io.jenkins.plugins.imagefactory.jenkins;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.imagefactory.git.ConfigRepository;
import io.jenkins.plugins.imagefactory.git.ConfigRepositoryLocation;
import io.jenkins.plugins.imagefactory.git.GitStoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jenkins.model.GlobalConfiguration;
import net.sf.json.JSONObject;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * Where this controller's Image Factory finds its config repo and secrets. Everything about images
 * (delays, registries, build systems) lives in the config repo; this page only says how to reach it.
 * Saving (from the form or from JCasC) asks for a sync so the change is acted on at once.
 */
@Extension
@Symbol("imageFactory")
public class ImageFactoryConfiguration extends GlobalConfiguration {

    static final int DEFAULT_SYNC_INTERVAL_MINUTES = 15;
    static final String DEFAULT_GITHUB_API_URL = "https://api.github.com";

    private String repositoryUrl;
    private String branch = "main";
    private String credentialsId;
    private int syncIntervalMinutes = DEFAULT_SYNC_INTERVAL_MINUTES;
    private String gitWebhookCredentialsId;
    private List<RegistryWebhook> registryWebhooks = new ArrayList<>();
    private String gitHubApiUrl = DEFAULT_GITHUB_API_URL;
    private String gitHubCredentialsId;
    private List<RegistryCredential> registryCredentials = new ArrayList<>();

    public ImageFactoryConfiguration() {
        load();
    }

    public static ImageFactoryConfiguration get() {
        return ExtensionList.lookupSingleton(ImageFactoryConfiguration.class);
    }

    /** Whether a config repo is set: without one the plugin stays idle. */
    public boolean isConfigured() {
        return repositoryUrl != null && !repositoryUrl.isBlank();
    }

    public String getRepositoryUrl() {
        return repositoryUrl;
    }

    @DataBoundSetter
    public void setRepositoryUrl(String repositoryUrl) {
        this.repositoryUrl = trimToNull(repositoryUrl);
        save();
    }

    public String getBranch() {
        return branch;
    }

    @DataBoundSetter
    public void setBranch(String branch) {
        this.branch = trimToNull(branch) == null ? "main" : branch.trim();
        save();
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = trimToNull(credentialsId);
        save();
    }

    public int getSyncIntervalMinutes() {
        return syncIntervalMinutes;
    }

    @DataBoundSetter
    public void setSyncIntervalMinutes(int syncIntervalMinutes) {
        if (syncIntervalMinutes < 1) {
            throw new IllegalArgumentException("syncIntervalMinutes must be at least 1, got " + syncIntervalMinutes);
        }
        this.syncIntervalMinutes = syncIntervalMinutes;
        save();
    }

    public String getGitWebhookCredentialsId() {
        return gitWebhookCredentialsId;
    }

    @DataBoundSetter
    public void setGitWebhookCredentialsId(String gitWebhookCredentialsId) {
        this.gitWebhookCredentialsId = trimToNull(gitWebhookCredentialsId);
        save();
    }

    public List<RegistryWebhook> getRegistryWebhooks() {
        return List.copyOf(registryWebhooks);
    }

    @DataBoundSetter
    public void setRegistryWebhooks(List<RegistryWebhook> registryWebhooks) {
        this.registryWebhooks = registryWebhooks == null ? new ArrayList<>() : new ArrayList<>(registryWebhooks);
        save();
    }

    public String getGitHubApiUrl() {
        return gitHubApiUrl;
    }

    @DataBoundSetter
    public void setGitHubApiUrl(String gitHubApiUrl) {
        this.gitHubApiUrl = trimToNull(gitHubApiUrl) == null ? DEFAULT_GITHUB_API_URL : gitHubApiUrl.trim();
        save();
    }

    public String getGitHubCredentialsId() {
        return gitHubCredentialsId;
    }

    @DataBoundSetter
    public void setGitHubCredentialsId(String gitHubCredentialsId) {
        this.gitHubCredentialsId = trimToNull(gitHubCredentialsId);
        save();
    }

    public List<RegistryCredential> getRegistryCredentials() {
        return List.copyOf(registryCredentials);
    }

    @DataBoundSetter
    public void setRegistryCredentials(List<RegistryCredential> registryCredentials) {
        this.registryCredentials = registryCredentials == null ? new ArrayList<>() : new ArrayList<>(registryCredentials);
        save();
    }

    /** The secret port for the engine: credentials ids, with registry hosts mapped to theirs. */
    public CredentialsSecretResolver secretResolver() {
        Map<String, String> aliases = new LinkedHashMap<>();
        for (RegistryCredential credential : getRegistryCredentials()) {
            aliases.putIfAbsent(credential.getHost(), credential.getCredentialsId());
        }
        return new CredentialsSecretResolver(aliases);
    }

    /** The config repo location with its clone under {@code workDirectory}; empty when not configured. */
    Optional<ConfigRepositoryLocation> location(Path workDirectory) {
        if (!isConfigured()) {
            return Optional.empty();
        }
        ConfigRepositoryLocation location = ConfigRepositoryLocation.of(repositoryUrl, branch, workDirectory);
        return Optional.of(credentialsId == null ? location : location.withCredentials(credentialsId));
    }

    /** The form omits a repeatable list whose last entry was deleted; clear the lists so that deletion sticks. */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        registryWebhooks = new ArrayList<>();
        registryCredentials = new ArrayList<>();
        try {
            req.bindJSON(this, json);
        } catch (IllegalArgumentException e) {
            // A setter refused a value (e.g. a sync interval of 0): say so next to the field, not as a stack trace.
            throw new FormException(e.getMessage(), "syncIntervalMinutes");
        }
        return true;
    }

    @Override
    public synchronized void save() {
        super.save();
        // JCasC calls every setter; each call only asks, and the runner merges the asks into one cycle.
        ExtensionList.lookup(ImageFactoryService.class).stream().findFirst()
                .ifPresent(service -> service.settingsChanged());
    }

    @POST
    public FormValidation doCheckRepositoryUrl(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        if (value == null || value.isBlank()) {
            return FormValidation.warning("Without a config repo Image Factory stays idle");
        }
        String url = value.trim();
        // The core parses the URL for real when it opens the repo; this only catches typos early.
        boolean looksLikeGit = url.startsWith("https://") || url.startsWith("http://") || url.startsWith("ssh://")
                || url.startsWith("file:") || url.startsWith("/") || url.matches("[\\w.-]+@[\\w.-]+:.+");
        return looksLikeGit ? FormValidation.ok() : FormValidation.error("\"" + url + "\" is not a git URL "
                + "(https://, ssh://, user@host:path) or an absolute directory; use \"Test connection\" to try it");
    }

    @POST
    public FormValidation doCheckSyncIntervalMinutes(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        try {
            int minutes = Integer.parseInt(value.trim());
            return minutes >= 1 ? FormValidation.ok()
                    : FormValidation.error("The sync interval is at least 1 minute, got " + minutes);
        } catch (NumberFormatException | NullPointerException e) {
            return FormValidation.error("The sync interval is a whole number of minutes, got \"" + value + "\"");
        }
    }

    @POST
    public FormValidation doCheckGitHubApiUrl(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        if (value == null || value.isBlank() || value.startsWith("https://") || value.startsWith("http://")) {
            return FormValidation.ok();
        }
        return FormValidation.error("The GitHub API URL starts with https://, e.g. https://api.github.com or "
                + "https://github.example.com/api/v3");
    }

    /** Clones the config repo into a scratch directory and reports its head: proves URL, branch and credentials. */
    @POST
    public FormValidation doTestConnection(@QueryParameter String repositoryUrl, @QueryParameter String branch,
                                           @QueryParameter String credentialsId) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        if (repositoryUrl == null || repositoryUrl.isBlank()) {
            return FormValidation.error("Give the config repo URL first");
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
            try (ConfigRepository repository = ConfigRepository.open(location, secretResolver())) {
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
        return secretResolver().resolve(gitHubCredentialsId.trim())
                .map(secret -> GitHubConnectionCheck.check(
                        gitHubApiUrl == null || gitHubApiUrl.isBlank() ? DEFAULT_GITHUB_API_URL : gitHubApiUrl.trim(), secret))
                .orElseGet(() -> FormValidation.error("No secret text or username/password credentials with id \""
                        + gitHubCredentialsId + "\""));
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
