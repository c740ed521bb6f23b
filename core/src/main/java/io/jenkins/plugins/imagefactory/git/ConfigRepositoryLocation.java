package io.jenkins.plugins.imagefactory.git;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the config repo lives and where its working clone goes.
 *
 * @param url                  https, ssh, scp-like ({@code git@host:org/repo.git}), file:// or a local
 *                             path; a local directory that is not a git repository is read in place
 *                             and cannot be published to
 * @param branch               the branch holding config and state, e.g. {@code main}
 * @param workDirectory        where the working clone is kept across cycles; must be missing, empty
 *                             or an earlier clone. Unused for a plain directory
 * @param credentialsReference for the host's {@code SecretResolver}, or {@code null}: a token is sent
 *                             as user {@code x-access-token}, a username/password pair as is
 */
public record ConfigRepositoryLocation(String url, String branch, Path workDirectory, String credentialsReference) {

    public ConfigRepositoryLocation {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("config repo URL must not be empty");
        }
        if (branch == null || branch.isBlank() || branch.startsWith("refs/") || branch.contains(" ")) {
            throw new IllegalArgumentException("config repo branch must be a short branch name like 'main', got '" + branch + "'");
        }
        Objects.requireNonNull(workDirectory, "workDirectory");
        if (credentialsReference != null && credentialsReference.isBlank()) {
            credentialsReference = null;
        }
    }

    public static ConfigRepositoryLocation of(String url, String branch, Path workDirectory) {
        return new ConfigRepositoryLocation(url, branch, workDirectory, null);
    }

    public ConfigRepositoryLocation withCredentials(String reference) {
        return new ConfigRepositoryLocation(url, branch, workDirectory, reference);
    }

    @Override
    public String toString() {
        return "ConfigRepositoryLocation[url=" + RemoteUrl.stripUserInfo(url) + ", branch=" + branch
                + ", workDirectory=" + workDirectory + ", credentials=" + credentialsReference + "]";
    }
}
