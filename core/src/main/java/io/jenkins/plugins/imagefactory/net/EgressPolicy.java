package io.jenkins.plugins.imagefactory.net;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the engine may send requests: {@code egress.allow} in {@code image-factory.yaml}. Webhook
 * URLs, registry hosts, source repositories and build-system URLs all come from the config repo,
 * so whoever can merge there can make the host call any address it reaches; an allow-list bounds
 * that. Empty (the default) allows everything.
 *
 * <p>A pattern is a host ({@code ghcr.io}), or {@code *.} and a domain ({@code *.acme.example},
 * which matches its subdomains, not the domain itself), optionally with {@code :port}; IPv6
 * literals in brackets. Matching ignores case.
 *
 * @param allow the patterns; empty for no restriction
 */
public record EgressPolicy(List<String> allow) {

    public static final EgressPolicy ALLOW_ALL = new EgressPolicy(List.of());

    private static final Pattern HOST = Pattern.compile("(\\*\\.)?([a-z0-9]([a-z0-9-]*[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*"
            + "|\\[[0-9a-f:.]+\\]");

    public EgressPolicy {
        allow = allow.stream().map(p -> p.strip().toLowerCase(Locale.ROOT)).toList();
        for (String pattern : allow) {
            Optional<String> problem = problem(pattern);
            if (problem.isPresent()) {
                throw new IllegalArgumentException(problem.get());
            }
        }
    }

    /** Why a pattern is not one, or empty when it is. */
    public static Optional<String> problem(String pattern) {
        String p = pattern.strip().toLowerCase(Locale.ROOT);
        int colon = p.startsWith("[") ? p.indexOf(':', p.indexOf(']')) : p.lastIndexOf(':');
        String host = colon < 0 ? p : p.substring(0, colon);
        if (colon >= 0 && !p.substring(colon + 1).matches("[0-9]{1,5}")) {
            return Optional.of("expected host[:port] with a numeric port, got \"" + pattern + "\"");
        }
        if (!HOST.matcher(host).matches()) {
            return Optional.of("expected a host name, *.domain or [ipv6] (optionally :port), got \"" + pattern + "\"");
        }
        return Optional.empty();
    }

    public boolean isRestricted() {
        return !allow.isEmpty();
    }

    /** Whether a request to {@code uri} may go out. */
    public boolean permits(URI uri) {
        if (!isRestricted()) {
            return true;
        }
        if (uri.getHost() == null) {
            return false;
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443
                : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : -1;
        return permits(uri.getHost(), port);
    }

    /** Whether {@code host} (on {@code port}, or -1 for any) may be called. */
    public boolean permits(String host, int port) {
        if (!isRestricted()) {
            return true;
        }
        String h = host.toLowerCase(Locale.ROOT);
        for (String pattern : allow) {
            int colon = pattern.startsWith("[") ? pattern.indexOf(':', pattern.indexOf(']')) : pattern.lastIndexOf(':');
            String hostPattern = colon < 0 ? pattern : pattern.substring(0, colon);
            if (colon >= 0 && port >= 0 && Integer.parseInt(pattern.substring(colon + 1)) != port) {
                continue;
            }
            boolean matches = hostPattern.startsWith("*.") ? h.endsWith(hostPattern.substring(1)) : h.equals(hostPattern);
            if (matches) {
                return true;
            }
        }
        return false;
    }

    /** The message when a request is refused: what was refused and where to allow it. */
    public String refusal(String what) {
        return what + " is not in egress.allow of image-factory.yaml " + allow + "; add it there if it is meant to be called";
    }
}
