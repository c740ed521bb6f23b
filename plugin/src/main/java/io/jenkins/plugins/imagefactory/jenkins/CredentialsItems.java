package io.jenkins.plugins.imagefactory.jenkins;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/** The credentials drop-downs of the configuration page: only kinds {@link CredentialsSecretResolver} can use. */
final class CredentialsItems {

    private CredentialsItems() {
    }

    /** Secret text or username with password. */
    static ListBoxModel usable(String current) {
        return items(CredentialsSecretResolver.USABLE, current);
    }

    /** Secret text only, for shared webhook secrets. */
    static ListBoxModel secretText(String current) {
        return items(CredentialsMatchers.instanceOf(StringCredentials.class), current);
    }

    // Only administrators see the list; anyone else keeps seeing just what is selected.
    private static ListBoxModel items(CredentialsMatcher matcher, String current) {
        if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
            return new StandardListBoxModel().includeCurrentValue(current);
        }
        return new StandardListBoxModel().includeEmptyValue()
                .includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), StandardCredentials.class, List.of(), matcher)
                .includeCurrentValue(current);
    }
}
