package io.jenkins.plugins.imagefactory.git;

/**
 * A git operation on the config repo failed. The message names the operation, the remote (without
 * user-info) and the branch; it never holds a secret, and neither does the cause chain.
 */
public class GitStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GitStoreException(String message) {
        super(message);
    }

    public GitStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
