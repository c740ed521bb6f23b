package io.jenkins.plugins.imagefactory.source;

import java.util.Objects;

/** One branch of one repository: the unit a commit id is remembered for. */
public record RepositoryBranch(String repository, String branch) {

    public RepositoryBranch {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(branch, "branch");
    }

    @Override
    public String toString() {
        return RepositoryUrl.redact(repository) + "#" + branch;
    }
}
