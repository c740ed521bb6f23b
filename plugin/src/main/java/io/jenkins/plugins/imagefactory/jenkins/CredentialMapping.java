package io.jenkins.plugins.imagefactory.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * An administrator's grant: the config repo may use the Jenkins credentials {@code credentialsId}
 * wherever it writes {@code credentials: <reference>}. Whoever can merge to the config repo chooses
 * hosts and URLs, so only references mapped here resolve; an unmapped one is an error naming it,
 * never a lookup of a credentials id by that name.
 */
public final class CredentialMapping implements Describable<CredentialMapping> {

    private final String reference;
    private final String credentialsId;

    @DataBoundConstructor
    public CredentialMapping(String reference, String credentialsId) {
        this.reference = reference == null ? "" : reference.trim();
        this.credentialsId = credentialsId == null ? "" : credentialsId.trim();
    }

    public String getReference() {
        return reference;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CredentialMapping mapping && reference.equals(mapping.reference)
                && credentialsId.equals(mapping.credentialsId);
    }

    @Override
    public int hashCode() {
        return reference.hashCode() * 31 + credentialsId.hashCode();
    }

    @Override
    public String toString() {
        return reference + " -> " + credentialsId;
    }

    @Extension
    @Symbol("credentialMapping")
    public static final class DescriptorImpl extends Descriptor<CredentialMapping> {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.CredentialMapping_DisplayName();
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
            return CredentialsItems.usable(credentialsId);
        }

        @POST
        public FormValidation doCheckReference(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return SettingsProblems.reference(value).map(FormValidation::error).orElse(FormValidation.ok());
        }
    }
}
