package io.jenkins.plugins.imagefactory.registry;

import java.util.List;
import java.util.Locale;

/** The manifest media types Image Factory understands, and the Accept header that asks for them. */
public final class MediaTypes {

    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";

    /** Index types first: a registry that can serve either must not down-convert to one platform. */
    public static final List<String> ACCEPTED = List.of(OCI_INDEX, DOCKER_MANIFEST_LIST, OCI_MANIFEST, DOCKER_MANIFEST);

    /** The value of the Accept header for manifest requests. */
    public static final String ACCEPT = String.join(", ", ACCEPTED);

    private MediaTypes() {
    }

    /** Whether the media type is a multi-platform index (OCI index or Docker manifest list). */
    public static boolean isIndex(String mediaType) {
        String type = strip(mediaType);
        return OCI_INDEX.equals(type) || DOCKER_MANIFEST_LIST.equals(type);
    }

    /** The bare media type of a Content-Type value, without parameters such as charset. */
    static String strip(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }
}
