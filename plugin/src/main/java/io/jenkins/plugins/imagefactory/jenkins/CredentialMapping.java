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
 * Registry credentials on this controller: a config repo that names {@code credentials: <host>}
 * for a registry gets the Jenkins credentials {@code credentialsId}. References that are not a
 * listed host are looked up as credentials ids directly.
 */
public final class RegistryCredential implements Describable<RegistryCredential> {

    private final String host;
    private final String credentialsId;

    @DataBoundConstructor
    public RegistryCredential(String host, String credentialsId) {
        this.host = host == null ? "" : host.trim();
        this.credentialsId = credentialsId == null ? "" : credentialsId.trim();
    }

    public String getHost() {
        return host;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @Extension
    @Symbol("registryCredential")
    public static final class DescriptorImpl extends Descriptor<RegistryCredential> {

        @NonNull
        @Override
        public String getDisplayName() {
            return "Registry credentials";
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
            return CredentialsItems.usable(credentialsId);
        }

        @POST
        public FormValidation doCheckHost(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            if (value == null || value.isBlank()) {
                return FormValidation.error("Give the registry host as the config repo names it, e.g. ghcr.io");
            }
            if (value.contains("/") || value.contains(" ")) {
                return FormValidation.error("A registry host has no path or spaces: \"" + value + "\"");
            }
            return FormValidation.ok();
        }
    }
}
