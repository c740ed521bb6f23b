package io.jenkins.plugins.imagefactory.registry;

/**
 * A registry (or registry API) call failed. The message names the host, the reference, the HTTP
 * status and the registry's own error code and message, never a credential.
 */
public final class RegistryException extends RuntimeException {

    private final String host;
    private final String reference;
    private final int status;
    private final String errorCode;

    /**
     * @param host      the registry or API host the call went to
     * @param reference what was asked for (an image reference or API path)
     * @param status    HTTP status, or 0 when no response arrived
     * @param errorCode the registry's error code (e.g. {@code MANIFEST_UNKNOWN}), or {@code null}
     * @param detail    what went wrong, including the registry's message when it sent one
     */
    public RegistryException(String host, String reference, int status, String errorCode, String detail, Throwable cause) {
        super(format(host, reference, status, errorCode, detail), cause);
        this.host = host;
        this.reference = reference;
        this.status = status;
        this.errorCode = errorCode;
    }

    public RegistryException(String host, String reference, int status, String errorCode, String detail) {
        this(host, reference, status, errorCode, detail, null);
    }

    private static String format(String host, String reference, int status, String errorCode, String detail) {
        StringBuilder out = new StringBuilder("registry ").append(host).append(", ").append(reference).append(": ");
        out.append(status > 0 ? "HTTP " + status : "no response");
        if (errorCode != null) {
            out.append(" ").append(errorCode);
        }
        if (detail != null && !detail.isEmpty()) {
            out.append(" - ").append(detail);
        }
        return out.toString();
    }

    public String host() {
        return host;
    }

    public String reference() {
        return reference;
    }

    /** HTTP status, or 0 when the call failed before a response (timeout, connection refused). */
    public int status() {
        return status;
    }

    /** The registry's error code from its JSON error body, or {@code null}. */
    public String errorCode() {
        return errorCode;
    }
}
