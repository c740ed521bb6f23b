package io.jenkins.plugins.imagefactory.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.imagefactory.secret.Secret;
import io.jenkins.plugins.imagefactory.webhook.WebhookEndpoint;
import io.jenkins.plugins.imagefactory.webhook.WebhookKind;
import java.util.Optional;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * One registry that sends push webhooks to {@code /image-factory-webhook/registry/{kind}}: its kind,
 * the registry host its pushes are about, and the credentials holding the secret it authenticates with.
 */
public final class RegistryWebhook implements Describable<RegistryWebhook> {

    private final String kind;
    private final String registryHost;
    private final String credentialsId;

    @DataBoundConstructor
    public RegistryWebhook(String kind, String registryHost, String credentialsId) {
        this.kind = kind == null ? "" : kind.trim();
        this.registryHost = registryHost == null ? "" : registryHost.trim();
        this.credentialsId = credentialsId == null ? "" : credentialsId.trim();
    }

    public String getKind() {
        return kind;
    }

    public String getRegistryHost() {
        return registryHost;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RegistryWebhook webhook && kind.equals(webhook.kind)
                && registryHost.equals(webhook.registryHost) && credentialsId.equals(webhook.credentialsId);
    }

    @Override
    public int hashCode() {
        return (kind.hashCode() * 31 + registryHost.hashCode()) * 31 + credentialsId.hashCode();
    }

    /**
     * The core endpoint, when its secret resolves; GHCR and Docker Hub have fixed hosts.
     *
     * @throws IllegalArgumentException when kind or host are not valid (the message says which)
     */
    Optional<WebhookEndpoint> endpoint(CredentialsSecretResolver secrets) {
        WebhookKind parsed = WebhookKind.fromPathSegment(kind).orElseThrow(() -> new IllegalArgumentException(
                "registry webhook kind \"" + kind + "\" is unknown; expected distribution, ghcr, dockerhub or harbor"));
        Optional<Secret> secret = secrets.resolve(credentialsId);
        return secret.map(s -> switch (parsed) {
            case GHCR -> WebhookEndpoint.ghcr(s);
            case DOCKERHUB -> WebhookEndpoint.dockerHub(s);
            case DISTRIBUTION -> WebhookEndpoint.distribution(registryHost, s);
            case HARBOR -> WebhookEndpoint.harbor(registryHost, s);
        });
    }

    @Extension
    @Symbol("registryWebhook")
    public static final class DescriptorImpl extends Descriptor<RegistryWebhook> {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.RegistryWebhook_DisplayName();
        }

        public ListBoxModel doFillKindItems() {
            ListBoxModel items = new ListBoxModel();
            for (WebhookKind kind : WebhookKind.values()) {
                items.add(kind.pathSegment());
            }
            return items;
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
            return CredentialsItems.secretText(credentialsId);
        }

        @POST
        public FormValidation doCheckRegistryHost(@QueryParameter String kind, @QueryParameter String registryHost) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return SettingsProblems.registryWebhook(kind, registryHost).map(FormValidation::error)
                    .orElse(FormValidation.ok());
        }
    }
}
