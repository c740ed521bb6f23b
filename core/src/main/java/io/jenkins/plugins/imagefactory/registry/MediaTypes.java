package io.jenkins.plugins.imagefactory.registry;

import java.util.List;

/** The manifest media types a digest check accepts. */
public final class MediaTypes {

    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";

    /** Index types first: the registry must not down-convert a multi-arch tag to one manifest. */
    public static final List<String> ACCEPTED = List.of(OCI_INDEX, DOCKER_LIST, OCI_MANIFEST, DOCKER_MANIFEST);

    public static final String ACCEPT_HEADER = String.join(", ", ACCEPTED);

    private MediaTypes() {
    }

    public static boolean isIndex(String mediaType) {
        return OCI_INDEX.equals(base(mediaType)) || DOCKER_LIST.equals(base(mediaType));
    }

    /** The type without parameters such as {@code ; charset=utf-8}. */
    static String base(String mediaType) {
        if (mediaType == null) {
            return null;
        }
        int semicolon = mediaType.indexOf(';');
        return (semicolon < 0 ? mediaType : mediaType.substring(0, semicolon)).strip();
    }
}
