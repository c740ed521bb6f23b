package io.jenkins.plugins.imagefactory.image;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A container image reference, normalised the way Docker's distribution reference library
 * ({@code ParseNormalizedNamed} + {@code TagNameOnly}) normalises it: default registry
 * {@code docker.io}, {@code library/} for single-segment Docker Hub names, tag {@code latest} when
 * neither tag nor digest is given.
 *
 * <p>{@link #canonical()} is the identity of an image everywhere in Image Factory:
 * {@code docker.io/library/alpine:3.20}, never {@code alpine:3.20}.
 *
 * @param registry   registry host with optional port, e.g. {@code docker.io}, {@code localhost:5000}
 * @param repository path inside the registry, e.g. {@code library/alpine}
 * @param tag        tag, or {@code null} when only a digest pins the reference
 * @param digest     {@code algorithm:hex}, or {@code null}
 */
public record ImageReference(String registry, String repository, String tag, String digest) {

    public static final String DOCKER_HUB = "docker.io";
    public static final String DEFAULT_TAG = "latest";
    /**
     * Maximum length of the repository path ({@code library/alpine}, without the registry), as
     * distribution/reference's {@code RepositoryNameTotalLengthMax}.
     */
    public static final int NAME_TOTAL_LENGTH_MAX = 255;

    private static final String ALPHA_NUMERIC = "[a-z0-9]+";
    private static final String SEPARATOR = "(?:[._]|__|[-]+)";
    private static final Pattern PATH_COMPONENT =
            Pattern.compile(ALPHA_NUMERIC + "(?:" + SEPARATOR + ALPHA_NUMERIC + ")*");
    private static final Pattern DOMAIN_COMPONENT =
            Pattern.compile("(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])");
    private static final Pattern IPV6_HOST = Pattern.compile("\\[[a-fA-F0-9:]+\\]");
    private static final Pattern PORT = Pattern.compile("[0-9]+");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST =
            Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");
    private static final Pattern SHA256_HEX = Pattern.compile("[a-f0-9]{64}");
    private static final Pattern SHA384_HEX = Pattern.compile("[a-f0-9]{96}");
    private static final Pattern SHA512_HEX = Pattern.compile("[a-f0-9]{128}");
    private static final Pattern ANCHORED_IDENTIFIER = Pattern.compile("[a-f0-9]{64}");

    public ImageReference {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(repository, "repository");
        if (tag == null && digest == null) {
            tag = DEFAULT_TAG;
        }
    }

    /**
     * Parses and normalises a reference such as {@code alpine}, {@code ghcr.io/org/app:1.2},
     * {@code localhost:5000/base@sha256:...}.
     *
     * @throws InvalidReferenceException with the reason when the text is not a valid reference
     */
    public static ImageReference parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidReferenceException(String.valueOf(text), "reference is empty");
        }
        if (!text.equals(text.strip())) {
            throw new InvalidReferenceException(text, "reference has leading or trailing whitespace");
        }
        if (ANCHORED_IDENTIFIER.matcher(text).matches()) {
            throw new InvalidReferenceException(text, "cannot specify 64-byte hexadecimal strings as a repository name");
        }

        String rest = text;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            validateDigest(text, digest);
        }

        String tag = null;
        int lastColon = rest.lastIndexOf(':');
        int lastSlash = rest.lastIndexOf('/');
        if (lastColon > lastSlash) {
            tag = rest.substring(lastColon + 1);
            rest = rest.substring(0, lastColon);
            if (!TAG.matcher(tag).matches()) {
                throw new InvalidReferenceException(text, tag.isEmpty()
                        ? "tag is empty"
                        : "invalid tag \"" + tag + "\" (expected [A-Za-z0-9_][A-Za-z0-9_.-]{0,127})");
            }
        }
        if (rest.isEmpty()) {
            throw new InvalidReferenceException(text, "repository name is empty");
        }

        String registry;
        String repository;
        int slash = rest.indexOf('/');
        String first = slash < 0 ? rest : rest.substring(0, slash);
        boolean firstIsDomain = slash >= 0
                && (first.contains(".") || first.contains(":") || first.equals("localhost")
                        || !first.toLowerCase(Locale.ROOT).equals(first));
        if (firstIsDomain) {
            registry = first;
            repository = rest.substring(slash + 1);
            validateDomain(text, registry);
        } else {
            registry = DOCKER_HUB;
            repository = rest;
        }
        if (registry.equals("index.docker.io") || registry.equals("registry-1.docker.io")) {
            registry = DOCKER_HUB;
        }
        validateRepository(text, repository);
        if (registry.equals(DOCKER_HUB) && !repository.contains("/")) {
            repository = "library/" + repository;
        }
        if (repository.length() > NAME_TOTAL_LENGTH_MAX) {
            throw new InvalidReferenceException(text, "repository path \"" + abbreviate(repository)
                    + "\" must not be longer than " + NAME_TOTAL_LENGTH_MAX + " characters");
        }
        return new ImageReference(registry, repository, tag, digest);
    }

    /** Like {@link #parse} but answers {@code false} instead of throwing. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (InvalidReferenceException e) {
            return false;
        }
    }

    private static void validateDomain(String text, String domain) {
        String host = domain;
        String port = null;
        if (domain.startsWith("[")) {
            int close = domain.indexOf(']');
            if (close < 0) {
                throw new InvalidReferenceException(text, "invalid registry host \"" + domain + "\"");
            }
            host = domain.substring(0, close + 1);
            String after = domain.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw new InvalidReferenceException(text, "invalid registry host \"" + domain + "\"");
                }
                port = after.substring(1);
            }
            if (!IPV6_HOST.matcher(host).matches()) {
                throw new InvalidReferenceException(text, "invalid IPv6 registry host \"" + host + "\"");
            }
        } else {
            int colon = domain.indexOf(':');
            if (colon >= 0) {
                host = domain.substring(0, colon);
                port = domain.substring(colon + 1);
            }
            for (String component : host.split("\\.", -1)) {
                if (!DOMAIN_COMPONENT.matcher(component).matches()) {
                    throw new InvalidReferenceException(text, "invalid registry host \"" + domain + "\"");
                }
            }
        }
        if (port != null && !PORT.matcher(port).matches()) {
            throw new InvalidReferenceException(text, "invalid registry port \"" + port + "\"");
        }
    }

    private static void validateRepository(String text, String repository) {
        if (repository.isEmpty()) {
            throw new InvalidReferenceException(text, "repository name is empty");
        }
        for (String component : repository.split("/", -1)) {
            if (PATH_COMPONENT.matcher(component).matches()) {
                continue;
            }
            if (PATH_COMPONENT.matcher(component.toLowerCase(Locale.ROOT)).matches()) {
                throw new InvalidReferenceException(text, "repository name must be lowercase");
            }
            throw new InvalidReferenceException(text, component.isEmpty()
                    ? "repository name has an empty path component"
                    : "invalid repository path component \"" + component
                            + "\" (lowercase letters, digits and single separators . _ __ - only)");
        }
    }

    private static void validateDigest(String text, String digest) {
        if (!DIGEST.matcher(digest).matches()) {
            throw new InvalidReferenceException(text, "invalid digest \"" + digest + "\" (expected algorithm:hex)");
        }
        int colon = digest.indexOf(':');
        String algorithm = digest.substring(0, colon);
        String hex = digest.substring(colon + 1);
        switch (algorithm) {
            case "sha256" -> {
                if (!SHA256_HEX.matcher(hex).matches()) {
                    throw new InvalidReferenceException(text, "sha256 digest must be 64 lowercase hex characters");
                }
            }
            case "sha384" -> {
                if (!SHA384_HEX.matcher(hex).matches()) {
                    throw new InvalidReferenceException(text, "sha384 digest must be 96 lowercase hex characters");
                }
            }
            case "sha512" -> {
                if (!SHA512_HEX.matcher(hex).matches()) {
                    throw new InvalidReferenceException(text, "sha512 digest must be 128 lowercase hex characters");
                }
            }
            default -> throw new InvalidReferenceException(text, "unsupported digest algorithm \"" + algorithm + "\"");
        }
    }

    /** {@code registry/repository}, without tag or digest. */
    public String name() {
        return registry + "/" + repository;
    }

    public boolean hasDigest() {
        return digest != null;
    }

    public boolean hasTag() {
        return tag != null;
    }

    public boolean isDockerHub() {
        return registry.equals(DOCKER_HUB);
    }

    /** What a manifest request asks for: the digest when pinned, else the tag. */
    public String manifestReference() {
        return digest != null ? digest : tag;
    }

    public ImageReference withTag(String newTag) {
        return parse(name() + ":" + newTag);
    }

    public ImageReference withDigest(String newDigest) {
        return parse(name() + (tag != null ? ":" + tag : "") + "@" + newDigest);
    }

    /** The same image by tag alone: what is watched for new digests. */
    public ImageReference withoutDigest() {
        return digest == null ? this : new ImageReference(registry, repository, tag, null);
    }

    /** The identity form, {@code docker.io/library/alpine:3.20[@sha256:...]}. */
    public String canonical() {
        StringBuilder out = new StringBuilder(name());
        if (tag != null) {
            out.append(':').append(tag);
        }
        if (digest != null) {
            out.append('@').append(digest);
        }
        return out.toString();
    }

    /**
     * The short form people type: {@code alpine:3.20}, {@code ghcr.io/org/app:1}. As in
     * distribution/reference, {@code library/} is dropped only before a single path component:
     * {@code docker.io/library/foo/bar} stays {@code library/foo/bar}, since {@code foo/bar} is another image.
     */
    public String familiar() {
        String shortName = name();
        if (isDockerHub()) {
            String official = repository.startsWith("library/") ? repository.substring("library/".length()) : null;
            shortName = official != null && !official.contains("/") ? official : repository;
        }
        StringBuilder out = new StringBuilder(shortName);
        if (tag != null) {
            out.append(':').append(tag);
        }
        if (digest != null) {
            out.append('@').append(digest);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return canonical();
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
