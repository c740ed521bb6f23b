package io.jenkins.plugins.imagefactory.registry;

/**
 * A registry (or registry-adjacent API such as Docker Hub's or GitHub's) call that failed: which
 * host, which image, which HTTP status, and the registry's own error code and message when its
 * body had them. Never carries credentials or tokens.
 */
public class RegistryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Status used when no HTTP response was received (connection failure, timeout). */
    public static final int NO_RESPONSE = 0;

    private final String host;
    private final String reference;
    private final int status;
    private final String errorCode;
    private final String registryMessage;

    public RegistryException(String host, String reference, int status, String errorCode,
                             String registryMessage, String what, Throwable cause) {
        super(format(host, reference, status, errorCode, registryMessage, what), cause);
        this.host = host;
        this.reference = reference;
        this.status = status;
        this.errorCode = errorCode;
        this.registryMessage = registryMessage;
    }

    public RegistryException(String host, String reference, String what) {
        this(host, reference, NO_RESPONSE, null, null, what, null);
    }

    private static String format(String host, String reference, int status, String errorCode,
                                 String registryMessage, String what) {
        StringBuilder out = new StringBuilder(what);
        out.append(" [host ").append(host);
        if (reference != null) {
            out.append(", image ").append(reference);
        }
        if (status != NO_RESPONSE) {
            out.append(", HTTP ").append(status);
        }
        if (errorCode != null) {
            out.append(", code ").append(errorCode);
        }
        if (registryMessage != null) {
            out.append(", registry said: ").append(registryMessage);
        }
        return out.append(']').toString();
    }

    public String host() {
        return host;
    }

    /** The image or repository the call was about, or {@code null} for host-level calls. */
    public String reference() {
        return reference;
    }

    /** The HTTP status, or {@link #NO_RESPONSE}. */
    public int status() {
        return status;
    }

    /** The registry's error code, e.g. {@code MANIFEST_UNKNOWN}, or {@code null}. */
    public String errorCode() {
        return errorCode;
    }

    /** The registry's error message, or {@code null}. */
    public String registryMessage() {
        return registryMessage;
    }

    /** Whether the image or tag does not exist (as opposed to the registry failing). */
    public boolean isNotFound() {
        return status == 404;
    }
}
